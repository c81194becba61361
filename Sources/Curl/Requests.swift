/// Validators from a previous response, replayed as conditional headers
/// (RFC 9110 §13.1.2 If-None-Match, §13.1.3 If-Modified-Since).
public struct Validators: Sendable, Hashable, Codable {
    /// The `ETag` value exactly as received, quotes and `W/` included.
    public var etag: String?
    /// The `Last-Modified` value exactly as received (an HTTP-date).
    public var lastModified: String?

    public init(etag: String? = nil, lastModified: String? = nil) {
        self.etag = etag
        self.lastModified = lastModified
    }

    public var isEmpty: Bool { etag == nil && lastModified == nil }
}

/// Decides whether a connection to an address may be opened; used by webhooks to refuse
/// private networks. It runs on the driver thread for every connect, so it must be quick.
public typealias AddressPolicy = @Sendable (IPAddress) -> Bool

/// A conditional GET of one source.
public struct FetchRequest: Sendable {
    public var url: String
    /// Validators stored from the last `modified`/`notModified` outcome for this URL.
    public var validators: Validators
    /// Extra request headers (`Name: value` pairs), e.g. `Accept`.
    public var headers: [(String, String)]
    /// Overrides ``HTTPClientConfiguration/maxBodyBytes`` for this request.
    public var maxBodyBytes: Int?
    /// Overrides ``HTTPClientConfiguration/timeout`` for this request.
    public var timeout: Duration?
    /// When set, connections only open to addresses it accepts.
    public var allowedAddress: AddressPolicy?

    public init(
        url: String,
        validators: Validators = Validators(),
        headers: [(String, String)] = [],
        maxBodyBytes: Int? = nil,
        timeout: Duration? = nil,
        allowedAddress: AddressPolicy? = nil
    ) {
        self.url = url
        self.validators = validators
        self.headers = headers
        self.maxBodyBytes = maxBodyBytes
        self.timeout = timeout
        self.allowedAddress = allowedAddress
    }
}

/// A POST (webhook delivery). Redirects are not followed: a webhook target that moves must
/// be reconfigured, and following would re-send the body to a host nobody approved.
public struct PostRequest: Sendable {
    public var url: String
    public var headers: [(String, String)]
    public var body: [UInt8]
    /// How much of the response body to keep for the delivery log.
    public var keepResponseBytes: Int
    public var timeout: Duration?
    public var allowedAddress: AddressPolicy?

    public init(
        url: String,
        headers: [(String, String)] = [],
        body: [UInt8],
        keepResponseBytes: Int = 4096,
        timeout: Duration? = nil,
        allowedAddress: AddressPolicy? = nil
    ) {
        self.url = url
        self.headers = headers
        self.body = body
        self.keepResponseBytes = keepResponseBytes
        self.timeout = timeout
        self.allowedAddress = allowedAddress
    }
}
