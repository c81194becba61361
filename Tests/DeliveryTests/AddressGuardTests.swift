import Testing
import Curl
@testable import Delivery

@Suite struct AddressGuardTests {
    static let refused: [String] = [
        "127.0.0.1", "127.255.255.254", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
        "169.254.169.254", "100.64.0.1", "100.127.255.255", "0.0.0.0", "224.0.0.1",
        "::1", "::", "fc00::1", "fd12:3456::1", "fe80::1", "ff02::1",
        "::ffff:127.0.0.1", "::ffff:169.254.169.254", "::ffff:10.0.0.1", "64:ff9b::a9fe:a9fe", "::127.0.0.1",
    ]
    static let allowed: [String] = [
        "93.184.216.34", "8.8.8.8", "172.15.255.255", "172.32.0.1", "100.63.255.255", "100.128.0.1",
        "192.169.0.1", "2606:2800:220:1:248:1893:25c8:1946", "::ffff:93.184.216.34",
    ]

    @Test(arguments: refused)
    func internalAddressesAreRefused(_ text: String) throws {
        let address = try #require(IPAddress(text))
        #expect(AddressGuard().refusal(for: address) != nil, "\(text) should be refused")
    }

    @Test(arguments: allowed)
    func publicAddressesPass(_ text: String) throws {
        let address = try #require(IPAddress(text))
        #expect(AddressGuard().refusal(for: address) == nil, "\(text) should pass")
    }

    @Test func allowListOpensOnlyItsBlock() throws {
        let guardian = try AddressGuard(allowPrivate: ["127.0.0.1/32", "fd00::/8"])
        #expect(guardian.refusal(for: IPAddress("127.0.0.1")!) == nil)
        #expect(guardian.refusal(for: IPAddress("::ffff:127.0.0.1")!) == nil)
        #expect(guardian.refusal(for: IPAddress("127.0.0.2")!) != nil)
        #expect(guardian.refusal(for: IPAddress("fd00::5")!) == nil)
        #expect(guardian.refusal(for: IPAddress("fc00::5")!) != nil)
    }

    @Test(arguments: ["127.0.0.1/33", "nonsense", "10.0.0.0/x", "::1/129", "1.2.3.4/8/9"])
    func badAllowEntriesAreConfigErrors(_ entry: String) {
        #expect(throws: DeliveryError.self) { try AddressGuard(allowPrivate: [entry]) }
    }

    @Test func cidrContainment() throws {
        let block = try CIDR(parsing: "172.16.0.0/12")
        #expect(block.contains(IPAddress("172.20.1.1")!))
        #expect(!block.contains(IPAddress("172.32.0.0")!))
        #expect(try CIDR(parsing: "0.0.0.0/0").contains(IPAddress("8.8.8.8")!))
        #expect(IPAddress("::ffff:127.0.0.1")?.embeddedIPv4?.description == "127.0.0.1")
    }

    @Test func refusalMessageSaysWhatToDo() throws {
        let g = AddressGuard()
        let a = IPAddress("10.0.0.7")!
        let error = g.error(url: "https://intranet.example/", address: a, block: g.refusal(for: a)!)
        #expect(error.message == "delivery: webhook https://intranet.example/: refused to connect to 10.0.0.7, which is in the internal block 10.0.0.0/8; if this target is meant to be reachable, add it to webhooks.allow_private in the config")
    }
}
