import Foundation

/// The bundled feeds and rules file of `newsalert demo`, modelled on the seed case: a wire
/// story about a US strike on Iran-backed militias in Babil province, the same story on an
/// aggregator (tracking parameters in the link, the aggregator's boilerplate around the text),
/// and unrelated stories, one of them about a militia strike outside Iraq.
enum DemoFixtures {
    static let owner = "alice"

    /// Publication times relative to the run, so the stories are as fresh as a real poll's.
    static func wireFeed(now: Date) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0"><channel>
        <title>Wire Service: World</title><link>https://wire.example/world</link>
        <description>Breaking world news from Wire Service.</description>
        <item><title>US strikes Iran-backed militia sites in Iraq's Babil province</title>
        <link>https://wire.example/world/us-strikes-militia-babil</link><guid isPermaLink="false">wire-1001</guid>
        <pubDate>\(rfc822(now.addingTimeInterval(-40 * 60)))</pubDate>
        <description>HILLAH, Iraq (Wire) — U.S. forces struck sites used by Iran-backed militias in Babil province on Tuesday after a drone attack on a base that houses American troops, officials said. The strikes hit weapons depots and a command post near the town of Jurf al-Sakhar, south of Baghdad.</description></item>
        <item><title>Militia drone strike hits market in North Darfur</title>
        <link>https://wire.example/world/darfur-market-strike</link><guid isPermaLink="false">wire-1002</guid>
        <pubDate>\(rfc822(now.addingTimeInterval(-55 * 60)))</pubDate>
        <description>EL FASHER, Sudan (Wire) — A drone strike blamed on a paramilitary militia hit a crowded market in El Fasher on Tuesday, aid groups said, as fighting for the city in Sudan's Darfur region entered its fourth month.</description></item>
        <item><title>Baghdad book fair opens with record number of publishers</title>
        <link>https://wire.example/culture/baghdad-book-fair</link><guid isPermaLink="false">wire-1003</guid>
        <pubDate>\(rfc822(now.addingTimeInterval(-70 * 60)))</pubDate>
        <description>BAGHDAD (Wire) — More than 500 publishers from 20 countries opened stalls at the Baghdad International Book Fair on Tuesday, organisers said, the largest turnout since the fair resumed.</description></item>
        </channel></rss>
        """
    }

    static func aggregatorFeed(now: Date) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0"><channel>
        <title>Newsfeed Daily - Top Stories</title><link>https://newsfeed-daily.example/</link>
        <description>Top stories from around the web, picked for you.</description>
        <item><title>US strikes Iran-backed militia sites in Iraq's Babil province</title>
        <link>https://newsfeed-daily.example/news/us-strikes-militia-sites/ar-AA1oXq7Z?ocid=feeds&amp;utm_source=rss</link>
        <guid isPermaLink="false">AA1oXq7Z</guid>
        <pubDate>\(rfc822(now.addingTimeInterval(-25 * 60)))</pubDate>
        <description><![CDATA[<p>Story by Wire Service · 2 min read</p><p>HILLAH, Iraq (Wire) — U.S. forces struck sites used by Iran-backed militias in Babil province on Tuesday after a drone attack on a base that houses American troops, officials said.</p><p><a href="https://newsfeed-daily.example/app?utm_source=rss">Get the Newsfeed Daily app</a> · Continue reading on Newsfeed Daily</p>]]></description></item>
        <item><title>Central bank holds interest rates steady</title>
        <link>https://newsfeed-daily.example/en-us/money/markets/central-bank-holds-rates/ar-AA1oY01?ocid=feeds&amp;utm_source=rss</link>
        <guid isPermaLink="false">AA1oY01</guid>
        <pubDate>\(rfc822(now.addingTimeInterval(-30 * 60)))</pubDate>
        <description><![CDATA[<p>Story by Market Desk · 1 min read</p><p>The central bank left its benchmark interest rate unchanged on Tuesday and signalled that cuts could come later in the year.</p><p>Continue reading on Newsfeed Daily</p>]]></description></item>
        </channel></rss>
        """
    }

    /// One person's rules file, as README "Writing a rules file" describes it.
    static func rules(webhookURL: String, secretFile: String) -> String {
        """
        # The demo's rules file: one person, two channels, one rule.
        owner: \(owner)
        channels:
          inbox: { email: alice@example.org }
          ops:   { webhook: "\(webhookURL)", secret_file: \(secretFile) }
        rules:
          - name: iraq-strikes
            query: '(strike OR airstrike OR "drone attack") AND (militia* OR "Iran-backed")'
            regions: [IQ]
            notify: [ops, inbox]
        """
    }

    /// RFC 822 date-time as RSS 2.0 §pubDate wants it, in GMT.
    static func rfc822(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }
}
