import Foundation
@testable import Delivery

/// Alerts modelled on real wire copy, with the awkward parts real feeds have: quotes,
/// angle brackets, ampersands, non-ASCII names, a long summary.
enum AlertFixtures {
    static let published = Date(timeIntervalSince1970: 1_722_362_640) // 2024-07-30T18:04:00Z

    static let story = MessageStory(
        title: "Drone attack on base near Hillah; Iran-backed militia blamed",
        url: "https://news.example.org/world/2024/07/30/hillah-drone-attack?utm_source=rss",
        source: "example-wire",
        published: published,
        summary: "A drone struck a base near Hillah in Babil province on Tuesday, officials said. \"We are investigating,\" a spokesman said <in a statement> & more.",
        regions: ["IQ", "IQ-BB"],
        matched: ["drone attack", "militia"],
        alsoReportedBy: [
            .init(source: "daily-courier", url: "https://courier.example.com/a/123"),
            .init(source: "Zeitung für Köln", url: "https://zeitung.example.de/artikel/9"),
        ],
        rule: "iraq-strikes"
    )

    static let second = MessageStory(
        title: "Houthi statement on Red Sea shipping — «no ships will pass»",
        url: "https://news.example.org/mideast/houthi-red-sea",
        source: "gulf-daily",
        published: nil,
        summary: "",
        regions: ["YE"],
        matched: ["Houthi*"],
        rule: "region-digest"
    )

    static let single = AlertContent(key: "42", owner: "alice", kind: .matched(rule: "iraq-strikes", story: story))
    static let digest = AlertContent(key: AlertContent.digestKey(alertIDs: [44, 43]), owner: "alice", kind: .digest(stories: [story, second]))
}
