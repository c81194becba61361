import Foundation
import Testing
@testable import Delivery

@Suite struct WebhookSigningTests {
    /// The vector published with the Standard Webhooks reference libraries.
    @Test func standardWebhooksReferenceVector() throws {
        let secret = try WebhookSecret(parsing: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
        let signer = WebhookSigner(secret: secret)
        let sig = signer.signature(id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: 1_614_265_330, body: Array(#"{"test": 2432232314}"#.utf8))
        #expect(sig == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
    }

    @Test func rawSecretIsUsedAsBytes() throws {
        let secret = try WebhookSecret(parsing: "my raw secret\n")
        #expect(secret.keyBytes == Array("my raw secret".utf8))
        let sig = WebhookSigner(secret: secret).signature(id: "msg_1", timestamp: 1_700_000_000, body: Array("{}".utf8))
        #expect(sig == "v1,5tlvQ7cfV0pM+wZq8J6Nk786btGORfVFbhVglG3T59E=")
        #expect(try WebhookSecret(parsing: secret.standardForm) == secret)
    }

    @Test(arguments: ["", "  \n", "whsec_", "whsec_!!notbase64!!"])
    func badSecretsAreRefused(_ text: String) {
        #expect(throws: DeliveryError.self) { try WebhookSecret(parsing: text) }
    }

    @Test func headersCarryIdTimestampSignature() throws {
        let signer = WebhookSigner(secret: try WebhookSecret(parsing: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))
        let headers = signer.headers(id: "msg_42", timestamp: 5, body: [])
        #expect(headers.map(\.name) == ["webhook-id", "webhook-timestamp", "webhook-signature"])
        #expect(headers[0].value == "msg_42")
        #expect(headers[1].value == "5")
        #expect(headers[2].value.hasPrefix("v1,"))
    }
}

extension WebhookSigningTests {
    @Test func digestKeyIsStableAndShort() {
        let key = AlertContent.digestKey(alertIDs: [44, 43])
        #expect(key == AlertContent.digestKey(alertIDs: [43, 44]))
        #expect(key != AlertContent.digestKey(alertIDs: [43, 45]))
        #expect(key.hasPrefix("digest-43-2-"))
        #expect(AlertContent.digestKey(alertIDs: Array(1...5000)).count < 40)
    }
}
