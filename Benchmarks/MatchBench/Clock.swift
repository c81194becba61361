import Foundation

func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

/// CPU time of this thread: on a shared, oversubscribed machine it counts only the time
/// the benchmark actually ran.
func cpu() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

/// Peak and current resident set size in MiB (Linux /proc).
func memory() -> (peak: Double, current: Double) {
    guard let s = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return (0, 0) }
    func field(_ name: String) -> Double {
        for line in s.split(separator: "\n") where line.hasPrefix(name) {
            let kb = line.split(separator: " ").compactMap { Double($0) }.first ?? 0
            return kb / 1024
        }
        return 0
    }
    return (field("VmHWM:"), field("VmRSS:"))
}

/// The 1-, 5- and 15-minute load averages (/proc/loadavg), printed beside timings on the
/// shared machine.
func loadAverage() -> String {
    let s = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? ""
    return s.split(separator: " ").prefix(3).joined(separator: " ")
}

/// The value at fraction `q` (0...1) of `values`, nearest rank.
func quantile(_ values: [Double], _ q: Double) -> Double {
    let v = values.sorted()
    guard !v.isEmpty else { return .nan }
    return v[min(v.count - 1, max(0, Int((q * Double(v.count - 1)).rounded())))]
}
