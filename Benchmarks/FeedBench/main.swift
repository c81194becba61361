import Feeds
import Foundation

// FeedBench: throughput of DocumentParser on large generated feeds, and a per-file JSON dump
// for the conformance script. See RESULTS.md for the commands.
//   FeedBench dump FILE...            InspectJSON lines (one per file)
//   FeedBench throughput FILE...      parse each file N times; MB/s and items/s, plus a raw libxml2 SAX pass
//   FeedBench peak FILE               parse once; print peak RSS
let args = Array(CommandLine.arguments.dropFirst())
guard let mode = args.first else {
    FileHandle.standardError.write(Data("usage: FeedBench dump|throughput|peak FILE...\n".utf8))
    exit(2)
}
switch mode {
case "dump": Dump.run(Array(args.dropFirst()))
case "throughput": Throughput.run(Array(args.dropFirst()))
case "peak": Peak.run(Array(args.dropFirst()))
default:
    FileHandle.standardError.write(Data("FeedBench: unknown mode \(mode)\n".utf8))
    exit(2)
}
