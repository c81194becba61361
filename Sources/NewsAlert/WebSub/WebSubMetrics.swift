import Prometheus

extension PipelineMetrics {
    /// `newsalert_websub_pushes_total{outcome}`: `accepted`, `bad_signature`, `unparsable`,
    /// `unknown_callback`, `failed` (the store refused; the hub is asked to retry).
    func webSubPush(outcome: String) {
        registry.makeCounter(descriptor: Self.name("websub_pushes", "total", "Content pushed by WebSub hubs, by outcome."),
                             labels: [("outcome", outcome)]).increment()
    }

    /// `newsalert_websub_verifications_total{outcome}`: `confirmed`, `refused`, `denied`.
    func webSubVerification(outcome: String) {
        registry.makeCounter(descriptor: Self.name("websub_verifications", "total", "Verifications of intent from WebSub hubs, by outcome."),
                             labels: [("outcome", outcome)]).increment()
    }
}
