// FetchBench: cold fetch, then conditional revalidation, of every URL in a list through one
// HTTPClient. run.sh serves 10,000 feed files from a loopback nginx and runs the curl CLI on
// the same list as the anchor.
// Usage: FetchBench URL_LIST [--connections N] [--in-flight N] [--revalidations N]
import Curl
import Foundation

struct Phase {
    let name: String
    let seconds: Double
    let counts: [String: Int]
    let transfers: Int
    var rate: Double { Double(transfers) / seconds }
}

/// Runs `requests` with at most `inFlight` transfers awaiting at once, the way the poller
/// bounds its work; results come back in request order.
/// Only what the poller would keep (outcome kind and validators) outlives a transfer, as in the service.
struct Kept: Sendable {
    let url: String
    let label: String
    let validators: Validators
}

func keep(_ result: FetchResult) -> Kept {
    switch result.outcome {
    case .modified(let document): return Kept(url: result.url, label: "modified", validators: document.validators)
    case .notModified(let validators, _): return Kept(url: result.url, label: "notModified", validators: validators)
    default:
        FileHandle.standardError.write((result.message + "\n").data(using: .utf8)!)
        return Kept(url: result.url, label: "other", validators: Validators())
    }
}

func run(_ client: HTTPClient, _ requests: [FetchRequest], inFlight: Int) async -> (Double, [Kept]) {
    let started = ContinuousClock.now
    var results = [Kept?](repeating: nil, count: requests.count)
    await withTaskGroup(of: (Int, Kept).self) { group in
        var next = 0
        while next < min(inFlight, requests.count) {
            let index = next
            group.addTask { (index, keep(await client.fetch(requests[index]))) }
            next += 1
        }
        while let (index, result) = await group.next() {
            results[index] = result
            if next < requests.count {
                let index = next
                group.addTask { (index, keep(await client.fetch(requests[index]))) }
                next += 1
            }
        }
    }
    let elapsed = ContinuousClock.now - started
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    return (seconds, results.map { $0! })
}

func peakRSSMiB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024  // Linux reports KiB
}

let arguments = CommandLine.arguments
guard arguments.count >= 2, let list = try? String(contentsOfFile: arguments[1], encoding: .utf8) else {
    FileHandle.standardError.write("usage: FetchBench URL_LIST [--connections N] [--in-flight N]\n".data(using: .utf8)!)
    exit(2)
}
func option(_ name: String, _ fallback: Int) -> Int {
    guard let at = arguments.firstIndex(of: name), at + 1 < arguments.count, let value = Int(arguments[at + 1]) else { return fallback }
    return value
}
let connections = option("--connections", 50)
let inFlight = option("--in-flight", 200)
let urls = list.split(separator: "\n").map(String.init).filter { !$0.isEmpty }

let client = HTTPClient(configuration: HTTPClientConfiguration(
    userAgent: "newsalert-bench/1.0", maxConnections: connections, maxConnectionsPerHost: connections
))

var phases: [Phase] = []
@MainActor func record(_ name: String, _ seconds: Double, _ kept: [Kept]) {
    phases.append(Phase(name: name, seconds: seconds, counts: Dictionary(kept.map { ($0.label, 1) }, uniquingKeysWith: +), transfers: kept.count))
}
let (coldSeconds, cold) = await run(client, urls.map { FetchRequest(url: $0) }, inFlight: inFlight)
record("cold", coldSeconds, cold)
let revalidations = cold.map { FetchRequest(url: $0.url, validators: $0.validators) }
for pass in 1...max(1, option("--revalidations", 1)) {
    let (seconds, warm) = await run(client, revalidations, inFlight: inFlight)
    record(pass == 1 ? "revalidate" : "revalidate\(pass)", seconds, warm)
}
client.shutdown()

for phase in phases {
    let counts = phase.counts.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
    print(String(format: "newsalert %-11@ %6d transfers in %6.2f s = %7.0f transfers/s  (%@)", phase.name as NSString, phase.transfers, phase.seconds, phase.rate, counts as NSString))
}
print(String(format: "newsalert peak RSS %.1f MiB (connections %d, in flight %d)", peakRSSMiB(), connections, inFlight))
