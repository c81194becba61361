import Feeds
import Foundation

/// Where to subscribe for a source (W3C WebSub §4 Discovery): the hub URL and the topic URL.
public struct HubDiscovery: Sendable, Equatable {
    public var hub: String
    /// The `rel=self` URL; the URL fetched when the publisher names none.
    public var topic: String

    public init(hub: String, topic: String) {
        self.hub = hub
        self.topic = topic
    }

    /// WebSub §4: publishers put `Link` headers (any content type) or, for feeds, the same
    /// links in the document (Atom `<link rel="hub">`, RSS `<atom:link rel="hub">`, JSON Feed
    /// `hubs`). Headers are checked first, as they are what every publisher can send; the
    /// topic comes from the same place as the hub where it can, so the pair stays consistent.
    /// Only http(s) hubs are used.
    public static func find(linkHeaders: [String], feed: FeedInfo, fetchedURL: String) -> HubDiscovery? {
        let base = URL(string: fetchedURL)
        let header = LinkHeader(linkHeaders)
        let headerHub = header.targets(rel: "hub", base: base).first(where: isHTTP)
        let headerSelf = header.targets(rel: "self", base: base).first(where: isHTTP)
        let documentHub = feed.hub.flatMap { URL(string: $0, relativeTo: base)?.absoluteURL.absoluteString }.flatMap { isHTTP($0) ? $0 : nil }
        let documentSelf = feed.selfURL.flatMap { URL(string: $0, relativeTo: base)?.absoluteURL.absoluteString }.flatMap { isHTTP($0) ? $0 : nil }
        if let headerHub {
            return HubDiscovery(hub: headerHub, topic: headerSelf ?? documentSelf ?? fetchedURL)
        }
        if let documentHub {
            return HubDiscovery(hub: documentHub, topic: documentSelf ?? headerSelf ?? fetchedURL)
        }
        return nil
    }

    static func isHTTP(_ s: String) -> Bool {
        guard let url = URL(string: s), let scheme = url.scheme?.lowercased() else { return false }
        return (scheme == "http" || scheme == "https") && url.host != nil
    }
}
