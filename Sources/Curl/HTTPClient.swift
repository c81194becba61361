import CCurl
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The HTTP client every part of newsalert fetches and posts through: one libcurl multi
/// handle on its own thread, shared connections (HTTP/2 multiplexed where the server offers
/// it), bounded bodies, and one classification of outcomes.
///
/// Proxies come from `http_proxy`, `https_proxy` and `no_proxy` as libcurl reads them.
public final class HTTPClient: Sendable {
    public let configuration: HTTPClientConfiguration
    private let driver: MultiDriver
    private let live = LiveCounter()

    private static let globalInit: Void = {
        curl_global_init(Int(CURL_GLOBAL_DEFAULT))
        // With CURLOPT_NOSIGNAL libcurl leaves SIGPIPE to the application; a peer closing
        // mid-write must fail the transfer, not kill the process.
        signal(SIGPIPE, SIG_IGN)
    }()

    public init(configuration: HTTPClientConfiguration = HTTPClientConfiguration()) {
        Self.globalInit
        self.configuration = configuration
        self.driver = MultiDriver(configuration: configuration)
    }

    deinit { driver.shutdown() }

    /// A conditional GET; never throws, every failure is a ``FetchOutcome``.
    public func fetch(_ request: FetchRequest) async -> FetchResult {
        let maxBody = request.maxBodyBytes ?? configuration.maxBodyBytes
        guard let transfer = Transfer(
            url: request.url, configuration: configuration, headers: request.headers,
            maxBody: maxBody, keepBody: maxBody, timeout: request.timeout ?? configuration.timeout,
            allowedAddress: request.allowedAddress, live: live
        ) else {
            return FetchResult(url: request.url, outcome: .failed(code: Int(CURLE_OUT_OF_MEMORY.rawValue), detail: "could not create a transfer"),
                               finalURL: request.url, status: 0, headers: HTTPHeaders(), redirectCount: 0, duration: .zero)
        }
        transfer.configureFetch(validators: request.validators, maxRedirects: configuration.maxRedirects)
        let report = await driver.perform(transfer)
        return Classifier.fetchResult(report, request: request, maxRedirects: configuration.maxRedirects)
    }

    public func fetch(_ url: String, validators: Validators = Validators()) async -> FetchResult {
        await fetch(FetchRequest(url: url, validators: validators))
    }

    /// A POST through the same driver; redirects are not followed.
    public func post(_ request: PostRequest) async -> PostResult {
        guard let transfer = Transfer(
            url: request.url, configuration: configuration, headers: request.headers,
            maxBody: configuration.maxBodyBytes, keepBody: request.keepResponseBytes,
            timeout: request.timeout ?? configuration.timeout, allowedAddress: request.allowedAddress, live: live
        ) else {
            return PostResult(url: request.url, status: 0, headers: HTTPHeaders(), bodyPrefix: [], duration: .zero,
                              failure: .failed(code: Int(CURLE_OUT_OF_MEMORY.rawValue), detail: "could not create a transfer"))
        }
        transfer.configurePost(body: request.body)
        let report = await driver.perform(transfer)
        return Classifier.postResult(report, request: request)
    }

    /// Ends every transfer in flight (as `.cancelled`) and closes all connections. Later calls
    /// return `.cancelled` at once. Blocks briefly until the driver thread has exited.
    public func shutdown() {
        driver.shutdown()
    }

    /// Easy handles of this client currently allocated (tests use it to prove none leak).
    var liveHandles: Int { live.count }
}
