import Delivery
import Foundation
import Logging
import Rules
import Store

/// The pipeline speaks up: a source failing for a day (or gone), or a channel whose alerts
/// have not gone through for hours, becomes one notice to each affected owner, sent to the
/// owner's first channel that works. One notice per incident: a source that recovers and
/// fails again is a new incident.
public struct NoticeSettings: Sendable, Equatable {
    /// How long a source fails before its owners hear of it; nil: never.
    public var sourceFailing: Double? = 86_400
    /// How long a channel's alerts stay undelivered before the owner hears of it; nil: never.
    public var channelFailing: Double? = 6 * 3600

    public init() {}
    public static let off: NoticeSettings = {
        var n = NoticeSettings()
        n.sourceFailing = nil
        n.channelFailing = nil
        return n
    }()
}

extension Pipeline {
    /// Sends the notices that are due; returns how many went out.
    @discardableResult
    public func sendNotices(now: Date? = nil) async -> Int {
        let now = now ?? clock()
        let settings = config.notices
        let book = rules.book
        var notices: [(key: String, owners: [String], avoid: String?, story: MessageStory)] = []
        let everyone = book.owners.map(\.owner)
        do {
            for source in try store.sources() {
                let url = source.url
                if source.gone {
                    notices.append(("gone:\(source.name):\(source.configuredURL)", everyone, nil, notice(
                        title: "newsalert: source \(source.name) is gone (410) and is no longer polled",
                        url: url, summary: "\(source.lastError ?? "The server answered 410 Gone.") Replace its url in the config or remove the source.", now: now)))
                } else if let threshold = settings.sourceFailing, let since = source.failingSince, now.timeIntervalSince(since) >= threshold {
                    let hours = Self.wholeHours(now.timeIntervalSince(since))
                    notices.append(("source:\(source.name):\(Int(since.timeIntervalSince1970))", everyone, nil, notice(
                        title: "newsalert: source \(source.name) has failed for \(hours) hours",
                        url: url, summary: "\(source.errorStreak) polls in a row failed. Last error: \(source.lastError ?? "unknown"). Check the URL with `newsalert inspect \(url)`; newsalert keeps retrying with backoff.", now: now)))
                }
            }
            if let threshold = settings.channelFailing {
                for failing in try store.failingChannels(before: now.addingTimeInterval(-threshold)) {
                    let hours = Self.wholeHours(now.timeIntervalSince(failing.since))
                    notices.append(("channel:\(failing.owner):\(failing.channel):\(Int(failing.since.timeIntervalSince1970))", [failing.owner], failing.channel, notice(
                        title: "newsalert: your channel \(failing.channel) has not delivered for \(hours) hours",
                        url: "", summary: "Last error: \(failing.lastError ?? "unknown"). Fix the channel in your rules file, then run `newsalert alerts retry --failed`; pending alerts are retried on their own.", now: now)))
                }
            }
        } catch {
            logger.error("notices: cannot read the store: \(error)")
            return 0
        }
        var sent = 0
        for n in notices {
            for owner in n.owners {
                guard (try? store.noticeSent(key: n.key, owner: owner)) == false, let rules = book.owner(owner) else { continue }
                let content = AlertContent(key: "notice-\(StableKey.of(n.key))", owner: owner, kind: .matched(rule: "newsalert", story: n.story))
                if await deliverToFirstWorkingChannel(content, owner: rules, avoiding: n.avoid) {
                    try? store.recordNotice(key: n.key, owner: owner, at: now)
                    sent += 1
                }
            }
        }
        return sent
    }

    /// Hours, counted from the nearest minute (stored times come back a hair off).
    static func wholeHours(_ seconds: TimeInterval) -> Int {
        Int((seconds / 60).rounded()) / 60
    }

    private func notice(title: String, url: String, summary: String, now: Date) -> MessageStory {
        MessageStory(title: title, url: url, source: "newsalert", published: now, summary: summary, rule: "newsalert")
    }

    /// Tries the owner's channels in file order, skipping `avoiding`, until one accepts.
    private func deliverToFirstWorkingChannel(_ content: AlertContent, owner: OwnerRules, avoiding: String?) async -> Bool {
        for channel in owner.channels where channel.name != avoiding {
            guard case let .success(resolved) = delivery.resolve(owner.owner, channel.name) else { continue }
            // Signed with the wall clock: receivers reject timestamps far from their own time.
            if case .delivered = await delivery.sender.send(content, via: resolved, now: Date()) {
                logger.notice("notice sent: \(content.key)", metadata: ["owner": "\(owner.owner)", "channel": "\(channel.name)"])
                return true
            }
        }
        logger.warning("notice could not be delivered to any channel; will try again", metadata: ["owner": "\(owner.owner)"])
        return false
    }
}

/// A short stable key for message ids (webhook-id, Message-ID) derived from a notice key.
enum StableKey {
    static func of(_ s: String) -> String {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return String(h, radix: 16)
    }
}
