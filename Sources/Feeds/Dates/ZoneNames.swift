/// Time-zone names that RFC 822 §5.1 allows, plus the abbreviations feeds use anyway.
/// Values are offsets from UTC in minutes.
enum ZoneNames {
    static func offset(_ name: String) -> Int? {
        if let o = table[name] { return o }
        // RFC 822 military zones: A–I = −1…−9 h ... the RFC got the signs backwards and
        // RFC 1123 §5.2.14 says to treat them as +0000 when in doubt; "z" is UTC.
        if name.count == 1, let c = name.unicodeScalars.first, c.isASCII, c != "j" {
            return 0
        }
        return nil
    }

    static let table: [String: Int] = [
        "gmt": 0, "ut": 0, "utc": 0, "z": 0, "wet": 0, "bst": 60, "ist": 330, "cet": 60,
        "cest": 120, "met": 60, "mest": 120, "eet": 120, "eest": 180, "msk": 180, "msd": 240,
        "est": -300, "edt": -240, "cst": -360, "cdt": -300, "mst": -420, "mdt": -360,
        "pst": -480, "pdt": -420, "akst": -540, "akdt": -480, "hst": -600, "ast": -240,
        "adt": -180, "nst": -210, "ndt": -150, "jst": 540, "kst": 540, "hkt": 480, "sgt": 480,
        "awst": 480, "acst": 570, "acdt": 630, "aest": 600, "aedt": 660, "nzst": 720,
        "nzdt": 780, "wib": 420, "pht": 480, "pkt": 300, "sast": 120, "cat": 120, "eat": 180,
        "wat": 60, "brt": -180, "art": -180,
    ]
}
