import Rules

/// CPU µs per story of each matcher, measured in round-robin rounds over the same stories
/// (100, 10,000, 100,000, then 10,000, 100,000, 100, …) so every rule-set size sees the
/// same machine load. One run at a time per size moved the 100-rule figure alone by 55–81 µs
/// between runs on the shared machine, which made a single-run growth ratio noise. A round
/// gives each size `chunk` stories (50 by default, 2–8 ms), the chunks taking turns through
/// the stories, so the sizes of one round run within milliseconds of each other while the
/// other jobs on the machine come and go; rounds of all 400 stories gave the same growth
/// within the noise, with a tenth of the rounds. The order of the sizes rotates from round
/// to round so none always follows the largest index. Returns, per matcher, one figure per
/// round (after one unrecorded warm-up pass over all stories).
func interleavedRounds(_ matchers: [RuleMatcher], stories: [MatchInput], seconds: Double,
                       chunk: Int, minRounds: Int = 15) -> [[Double]] {
    var scratches = matchers.map { _ in MatchScratch() }
    var times = matchers.map { _ in [Double]() }
    var sink = 0
    for (i, m) in matchers.enumerated() {
        for s in stories { sink &+= m.match(s, scratch: &scratches[i]).count }
    }
    let chunks = stride(from: 0, to: stories.count, by: chunk).map { stories[$0..<min($0 + chunk, stories.count)] }
    let t0 = now()
    var round = 0
    repeat {
        let part = chunks[round % chunks.count]
        for k in 0..<matchers.count {
            let i = (k + round) % matchers.count
            let c = cpu()
            for s in part { sink &+= matchers[i].match(s, scratch: &scratches[i]).count }
            times[i].append((cpu() - c) / Double(part.count) * 1e6)
        }
        round += 1
    } while round < minRounds || round % chunks.count != 0 || now() - t0 < seconds * Double(matchers.count)
    if sink == -1 { print("") }
    return times
}

/// Prints the per-size medians and spread of `interleavedRounds`, and the growth from the
/// first size to each larger one: the ratio of the medians, and the spread of the same
/// ratio taken round by round (the sizes of one round ran on the same chunk of stories
/// within a few milliseconds of each other).
func reportRounds(_ sizes: [Int], _ times: [[Double]], chunk: Int, bytesPerStory: Double) {
    let rounds = times.first?.count ?? 0
    print("INTERLEAVED \(rounds) rounds (\(chunk) stories per size per round) of \(sizes.map(String.init).joined(separator: ", ")) rules (CPU µs per story; load \(loadAverage()))")
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
