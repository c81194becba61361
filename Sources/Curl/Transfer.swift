import CCurl
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One easy handle and the state its callbacks fill in.
///
/// Built on the caller's thread, then owned by the driver thread alone from the moment it is
/// enqueued (the queue's lock orders the hand-over); only `requestCancel` crosses threads,
/// under its own lock. This is the one file doing unsafe pointer work against libcurl.
final class Transfer: @unchecked Sendable {
    let easy: UnsafeMutableRawPointer
    let url: String
    var continuation: CheckedContinuation<TransferReport, Never>?

    private let maxBody: Int
    private let keepBody: Int
    private let maxHeaders: Int
    private let allowedAddress: AddressPolicy?
    private let started = ContinuousClock.now
    private let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE))
    private var requestHeaders: UnsafeMutablePointer<curl_slist>?

    private var body = Data()
    private var bodyBytes = 0
    private var headerBytes = 0
    private var headers = HTTPHeaders()
    private var status = 0
    private var permanentChain = true
    private var movedPermanently: String?
    private var overflow: TransferReport.Overflow?
    private var refusedAddress: String?

    private let cancelLock = NSLock()
    private var cancelRequested = false

    private let live: LiveCounter

    /// Returns nil only when libcurl cannot allocate a handle.
    init?(url: String, configuration: HTTPClientConfiguration, headers: [(String, String)],
          maxBody: Int, keepBody: Int, timeout: Duration, allowedAddress: AddressPolicy?, live: LiveCounter) {
        guard let easy = curl_easy_init() else { return nil }
        self.easy = easy
        self.url = url
        self.maxBody = maxBody
        self.keepBody = keepBody
        self.maxHeaders = configuration.maxHeaderBytes
        self.allowedAddress = allowedAddress
        self.live = live
        errorBuffer.initialize(to: 0)
        live.add(1)

        let me = Unmanaged.passUnretained(self).toOpaque()
        setString(CURLOPT_URL, url)
        setString(CURLOPT_USERAGENT, configuration.userAgent)
        setString(CURLOPT_PROTOCOLS_STR, "http,https")
        setString(CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        setLong(CURLOPT_NOSIGNAL, 1)
        setLong(CURLOPT_CONNECTTIMEOUT_MS, configuration.connectTimeout.milliseconds)
        setLong(CURLOPT_TIMEOUT_MS, timeout.milliseconds)
        setLong(CURLOPT_LOW_SPEED_LIMIT, configuration.lowSpeedLimit)
        setLong(CURLOPT_LOW_SPEED_TIME, max(1, Int(configuration.lowSpeedTime.components.seconds)))
        setLong(CURLOPT_SSL_VERIFYPEER, 1)
        setLong(CURLOPT_SSL_VERIFYHOST, 2)
        // CAINFO replaces the bundle file but the system CAPATH stays, so the extra CA adds trust.
        if let caFile = configuration.caFile { setString(CURLOPT_CAINFO, caFile) }
        setLong(CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_2TLS))
        // Waiting for a connection that may multiplex only pays where HTTP/2 is possible (TLS):
        // on plain http it would hold a second transfer to a host until the first one answers.
        if url.lowercased().hasPrefix("https:") { setLong(CURLOPT_PIPEWAIT, 1) }
        setLong(CURLOPT_SUPPRESS_CONNECT_HEADERS, 1)
        ccurl_easy_setopt_pointer(easy, CURLOPT_ERRORBUFFER, errorBuffer)
        ccurl_easy_setopt_pointer(easy, CURLOPT_PRIVATE, me)
        ccurl_easy_setopt_write_function(easy, transferWrite)
        ccurl_easy_setopt_pointer(easy, CURLOPT_WRITEDATA, me)
        ccurl_easy_setopt_header_function(easy, transferHeader)
        ccurl_easy_setopt_pointer(easy, CURLOPT_HEADERDATA, me)
        if allowedAddress != nil {
            ccurl_easy_setopt_opensocket_function(easy, transferOpenSocket)
            ccurl_easy_setopt_pointer(easy, CURLOPT_OPENSOCKETDATA, me)
        }
        for (name, value) in headers {
            requestHeaders = curl_slist_append(requestHeaders, "\(name): \(value)")
        }
    }

    /// Conditional GET: decoded bodies, redirects followed, size declared up front checked early.
    func configureFetch(validators: Validators, maxRedirects: Int) {
        if let etag = validators.etag { appendHeader("If-None-Match: \(etag)") }
        if let lastModified = validators.lastModified { appendHeader("If-Modified-Since: \(lastModified)") }
        setString(CURLOPT_ACCEPT_ENCODING, "")
        setLong(CURLOPT_FOLLOWLOCATION, 1)
        setLong(CURLOPT_MAXREDIRS, maxRedirects)
        ccurl_easy_setopt_off_t(easy, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(maxBody))
        ccurl_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, requestHeaders)
    }

    /// POST of a body libcurl copies; `Expect:` is blanked so small webhooks need one round trip.
    func configurePost(body: [UInt8]) {
        appendHeader("Expect:")
        setLong(CURLOPT_POST, 1)
        ccurl_easy_setopt_off_t(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count))
        body.withUnsafeBytes { bytes in
            _ = ccurl_easy_setopt_pointer(easy, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: bytes.baseAddress ?? UnsafeRawPointer(errorBuffer)))
        }
        ccurl_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, requestHeaders)
    }

    /// Marks the transfer cancelled; returns false when it already was.
    func requestCancel() -> Bool {
        cancelLock.withLock {
            defer { cancelRequested = true }
            return !cancelRequested
        }
    }

    var isCancelRequested: Bool { cancelLock.withLock { cancelRequested } }

    /// Collects the facts, frees the handle, and returns the report. Driver thread only,
    /// after the handle left the multi handle.
    func finish(code: CURLcode, cancelled: Bool) -> TransferReport {
        var responseCode = 0
        ccurl_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &responseCode)
        var redirects = 0
        ccurl_easy_getinfo_long(easy, CURLINFO_REDIRECT_COUNT, &redirects)
        let finalURL = effectiveURL() ?? url
        if code == CURLE_FILESIZE_EXCEEDED { overflow = .body(maxBody) }  // declared Content-Length over the cap
        var text = String(cString: errorBuffer)
        if text.isEmpty, code != CURLE_OK { text = String(cString: curl_easy_strerror(code)) }
        let report = TransferReport(
            code: Int(code.rawValue), errorText: text, status: responseCode, headers: headers, body: body,
            finalURL: finalURL, movedPermanently: movedPermanently, redirectCount: redirects,
            overflow: overflow, refusedAddress: refusedAddress, cancelled: cancelled,
            duration: ContinuousClock.now - started
        )
        curl_easy_cleanup(easy)
        curl_slist_free_all(requestHeaders)
        requestHeaders = nil
        errorBuffer.deallocate()
        live.add(-1)
        return report
    }

    // MARK: callbacks (driver thread)

    fileprivate func receiveBody(_ bytes: UnsafeMutablePointer<CChar>?, _ count: Int) -> Int {
        bodyBytes += count
        if bodyBytes > maxBody {
            overflow = .body(maxBody)
            return 0  // CURLE_WRITE_ERROR: libcurl stops reading and decoding at once
        }
        if let bytes, body.count < keepBody {
            body.append(UnsafeRawPointer(bytes).assumingMemoryBound(to: UInt8.self), count: min(count, keepBody - body.count))
        }
        return count
    }

    /// One header line per call (libcurl guarantees whole lines). Parsed on bytes: this runs
    /// for every line of every response, so it avoids Foundation string trimming.
    fileprivate func receiveHeader(_ bytes: UnsafeMutablePointer<CChar>?, _ count: Int) -> Int {
        guard let bytes else { return count }
        let line = UnsafeBufferPointer(start: UnsafeRawPointer(bytes).assumingMemoryBound(to: UInt8.self), count: count)
        var end = count
        while end > 0 && isSpace(line[end - 1]) { end -= 1 }
        if end >= 5 && line[0] == UInt8(ascii: "H") && line[1] == UInt8(ascii: "T") && line[2] == UInt8(ascii: "T")
            && line[3] == UInt8(ascii: "P") && line[4] == UInt8(ascii: "/") {
            let code = statusCode(line[0..<end])
            if (100..<200).contains(code) { return count }
            if status != 0 {
                // A new final response means the previous one was a redirect that was followed.
                if permanentChain && (status == 301 || status == 308) {
                    movedPermanently = effectiveURL()
                } else {
                    permanentChain = false
                }
            }
            status = code
            headers = HTTPHeaders()
            body = Data()
            bodyBytes = 0
            headerBytes = count
            return count
        }
        headerBytes += count
        if headerBytes > maxHeaders {
            overflow = .headers(maxHeaders)
            return 0
        }
        guard let colon = line[0..<end].firstIndex(of: UInt8(ascii: ":")) else { return count }
        var valueStart = colon + 1
        while valueStart < end && isSpace(line[valueStart]) { valueStart += 1 }
        headers.append(name: String(decoding: line[0..<colon], as: UTF8.self),
                       value: String(decoding: line[valueStart..<end], as: UTF8.self))
        return count
    }

    private func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\n")
    }

    /// The three digits after the first space of `HTTP/x y code reason`.
    private func statusCode(_ line: Slice<UnsafeBufferPointer<UInt8>>) -> Int {
        guard let space = line.firstIndex(of: UInt8(ascii: " ")) else { return 0 }
        var code = 0
        for byte in line[(space + 1)...].prefix(3) {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return 0 }
            code = code * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return code
    }

    fileprivate func openSocket(_ address: UnsafeMutablePointer<curl_sockaddr>) -> curl_socket_t {
        let family = address.pointee.family
        let raw = UnsafeRawPointer(address) + MemoryLayout<curl_sockaddr>.offset(of: \.addr)!
        let ip: IPAddress
        switch family {
        case AF_INET:
            let sin = raw.assumingMemoryBound(to: sockaddr_in.self).pointee
            ip = IPAddress(bytes: withUnsafeBytes(of: sin.sin_addr) { Array($0) })
        case AF_INET6:
            let sin6 = raw.assumingMemoryBound(to: sockaddr_in6.self).pointee
            ip = IPAddress(bytes: withUnsafeBytes(of: sin6.sin6_addr) { Array($0) })
        default:
            refusedAddress = "an address of family \(family)"
            return CURL_SOCKET_BAD
        }
        guard allowedAddress?(ip) ?? true else {
            refusedAddress = ip.description
            return CURL_SOCKET_BAD
        }
        return socket(family, address.pointee.socktype | Int32(SOCK_CLOEXEC.rawValue), address.pointee.protocol)
    }

    // MARK: helpers

    private func effectiveURL() -> String? {
        var pointer: UnsafeMutablePointer<CChar>?
        ccurl_easy_getinfo_string(easy, CURLINFO_EFFECTIVE_URL, &pointer)
        return pointer.map { String(cString: $0) }
    }

    private func appendHeader(_ line: String) {
        requestHeaders = curl_slist_append(requestHeaders, line)
    }

    private func setLong(_ option: CURLoption, _ value: Int) {
        ccurl_easy_setopt_long(easy, option, value)
    }

    private func setString(_ option: CURLoption, _ value: String) {
        ccurl_easy_setopt_string(easy, option, value)  // libcurl copies strings (since 7.17)
    }

    static func from(easy: UnsafeMutableRawPointer) -> Transfer? {
        var pointer: UnsafeMutableRawPointer?
        ccurl_easy_getinfo_pointer(easy, CURLINFO_PRIVATE, &pointer)
        return pointer.map { Unmanaged<Transfer>.fromOpaque($0).takeUnretainedValue() }
    }
}

/// Counts a client's easy handles alive, so tests can prove none leak.
final class LiveCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func add(_ delta: Int) { lock.withLock { value += delta } }
    var count: Int { lock.withLock { value } }
}

private func transfer(_ user: UnsafeMutableRawPointer?) -> Transfer {
    Unmanaged<Transfer>.fromOpaque(user!).takeUnretainedValue()
}

private let transferWrite: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = {
    transfer($3).receiveBody($0, $1 * $2)
}

private let transferHeader: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = {
    transfer($3).receiveHeader($0, $1 * $2)
}

private let transferOpenSocket: @convention(c) (UnsafeMutableRawPointer?, curlsocktype, UnsafeMutablePointer<curl_sockaddr>?) -> curl_socket_t = { user, _, address in
    guard let address else { return CURL_SOCKET_BAD }
    return transfer(user).openSocket(address)
}
