/// The part of a host name that one organisation controls ("bbc.co.uk" for
/// "feeds.bbci.co.uk" is "bbci.co.uk"), so politeness limits are shared across subdomains.
///
/// Without the full Public Suffix List this knows the common second-level registries under
/// country codes (co.uk, com.au, co.jp, …); anything else is the last two labels.
public enum RegistrableDomain {
    static let secondLevel: Set<String> = [
        "co", "com", "net", "org", "gov", "ac", "edu", "ne", "or", "go", "gob", "nic", "mil", "ltd", "plc", "nhs", "sch",
    ]

    public static func of(host: String) -> String {
        let h = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "."))
        if h.contains(":") || h.split(separator: ".").allSatisfy({ $0.allSatisfy(\.isNumber) }) { return h }
        let labels = h.split(separator: ".")
        guard labels.count > 2 else { return h }
        let tld = labels[labels.count - 1], sld = labels[labels.count - 2]
        let keep = (tld.count == 2 && secondLevel.contains(String(sld))) ? 3 : 2
        return labels.suffix(keep).joined(separator: ".")
    }
}

import Foundation
