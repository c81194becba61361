import Rules

/// CPU µs per story of each matcher, measured in round-robin rounds over the same stories
/// (100, 10,000, 100,000, 100, 10,000, 100,000, …) so every rule-set size sees the same
/// machine load. One run at a time per size moved the 100-rule figure alone by 55–81 µs
/// between runs on the shared machine, which made a single-run growth ratio noise; the
/// median of many interleaved rounds is what the growth target is read from.
/// Returns, per matcher, one figure per round (after one unrecorded warm-up round).
func interleavedRounds(_ matchers: [RuleMatcher], stories: [MatchInput], seconds: Double,
                       minRounds: Int = 9) -> [[Double]] {
    var scratches = matchers.map { _ in MatchScratch() }
    var times = matchers.map { _ in [Double]() }
    var sink = 0
    let t0 = now()
    var round = 0
    repeat {
        for (i, m) in matchers.enumerated() {
            let c = cpu()
            for s in stories { sink &+= m.match(s, scratch: &scratches[i]).count }
            let us = (cpu() - c) / Double(stories.count) * 1e6
            if round > 0 { times[i].append(us) }
        }
        round += 1
    } while round <= minRounds || now() - t0 < seconds * Double(matchers.count)
    if sink == -1 { print("") }
    return times
}

/// Prints the per-size medians and spread of `interleavedRounds`, and the growth from the
/// first size to each larger one: the ratio of the medians, and the spread of the same
/// ratio taken round by round.
func reportRounds(_ sizes: [Int], _ times: [[Double]], bytesPerStory: Double) {
    let rounds = times.first?.count ?? 0
    print("INTERLEAVED \(rounds) rounds of \(sizes.map(String.init).joined(separator: ", ")) rules (CPU µs per story; load \(loadAverage()))")
    print("rules\tmedian_us\tp10_us\tp90_us\tmin_us\tmax_us\tstories/cpu_s\tMB/cpu_s")
    for (n, t) in zip(sizes, times) {
        let med = quantile(t, 0.5)
        print(String(format: "%d\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f\t%.0f\t%.1f", n, med, quantile(t, 0.1), quantile(t, 0.9),
                     t.min() ?? .nan, t.max() ?? .nan, 1e6 / med, bytesPerStory / med))
    }
    guard let base = times.first else { return }
    for (n, t) in zip(sizes, times).dropFirst() {
        let ratios = zip(base, t).map { $1 / $0 }
        let over = ratios.filter { $0 > 2 }.count
        print(String(format: "GROWTH %d→%d rules: %.2f× (medians); per round median %.2f×, p10 %.2f×, p90 %.2f×, max %.2f×; %d of %d rounds over 2×",
                     sizes[0], n, quantile(t, 0.5) / quantile(base, 0.5), quantile(ratios, 0.5), quantile(ratios, 0.1),
                     quantile(ratios, 0.9), ratios.max() ?? .nan, over, ratios.count))
    }
}
