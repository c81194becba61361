/// Limits and identity shared by every transfer of one ``HTTPClient``.
///
/// The defaults follow DESIGN.md's `http:` config block: 20 s per fetch, 10 MiB bodies,
/// 32 connections in total and 2 per host (polite crawling; HTTP/2 multiplexes many
/// transfers over one connection anyway).
public struct HTTPClientConfiguration: Sendable {
    /// Sent as `User-Agent` on every request (RFC 9110 §10.1.5); feed hosts ask for a contact URL.
    public var userAgent: String
    /// Time allowed for DNS, TCP and TLS together (`CURLOPT_CONNECTTIMEOUT_MS`).
    public var connectTimeout: Duration
    /// Time allowed for the whole transfer, redirects included (`CURLOPT_TIMEOUT_MS`).
    public var timeout: Duration
    /// A transfer slower than `lowSpeedLimit` bytes/s for `lowSpeedTime` is aborted
    /// (`CURLOPT_LOW_SPEED_LIMIT`/`_TIME`), so a trickling server cannot pin a slot for the full timeout.
    public var lowSpeedLimit: Int
    public var lowSpeedTime: Duration
    /// Largest response body kept, counted after decompression so a gzip bomb stops here.
    public var maxBodyBytes: Int
    /// Largest total size of one response's header block.
    public var maxHeaderBytes: Int
    /// Redirects followed before giving up (each hop counts).
    public var maxRedirects: Int
    /// Connections open at once across all hosts (`CURLMOPT_MAX_TOTAL_CONNECTIONS`); more transfers queue.
    public var maxConnections: Int
    /// Connections open at once to one host (`CURLMOPT_MAX_HOST_CONNECTIONS`).
    public var maxConnectionsPerHost: Int
    /// An extra PEM bundle trusted in addition to the system store (tests, private relays).
    /// Verification itself can never be turned off.
    public var caFile: String?

    public init(
        userAgent: String = "newsalert/1.0",
        connectTimeout: Duration = .seconds(10),
        timeout: Duration = .seconds(20),
        lowSpeedLimit: Int = 64,
        lowSpeedTime: Duration = .seconds(15),
        maxBodyBytes: Int = 10 << 20,
        maxHeaderBytes: Int = 64 << 10,
        maxRedirects: Int = 5,
        maxConnections: Int = 32,
        maxConnectionsPerHost: Int = 2,
        caFile: String? = nil
    ) {
        self.userAgent = userAgent
        self.connectTimeout = connectTimeout
        self.timeout = timeout
        self.lowSpeedLimit = lowSpeedLimit
        self.lowSpeedTime = lowSpeedTime
        self.maxBodyBytes = maxBodyBytes
        self.maxHeaderBytes = maxHeaderBytes
        self.maxRedirects = maxRedirects
        self.maxConnections = maxConnections
        self.maxConnectionsPerHost = maxConnectionsPerHost
        self.caFile = caFile
    }
}

extension Duration {
    /// Whole milliseconds, rounded up so a tiny positive timeout never becomes 0 ("no timeout" to libcurl).
    var milliseconds: Int {
        let (seconds, attoseconds) = components
        return Int(seconds) * 1000 + Int((attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000)
    }
}
