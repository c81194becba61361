import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension Charset {
    /// WHATWG Encoding Standard labels → the iconv name we decode with. Latin-1 and ASCII
    /// labels mean windows-1252 (Encoding §4.2), as browsers and feed readers read them.
    static let labels: [String: String] = [
        "utf-8": "utf-8", "utf8": "utf-8", "unicode-1-1-utf-8": "utf-8", "x-unicode20utf8": "utf-8",
        "utf-16": "utf-16le", "utf-16le": "utf-16le", "utf-16be": "utf-16be", "unicode": "utf-16le",
        "us-ascii": "windows-1252", "ascii": "windows-1252", "iso-8859-1": "windows-1252",
        "iso8859-1": "windows-1252", "latin1": "windows-1252", "l1": "windows-1252",
        "windows-1252": "windows-1252", "cp1252": "windows-1252", "x-cp1252": "windows-1252",
        "iso_8859-1": "windows-1252", "cp819": "windows-1252", "ibm819": "windows-1252",
        "iso-8859-2": "iso-8859-2", "latin2": "iso-8859-2", "iso-8859-3": "iso-8859-3",
        "iso-8859-4": "iso-8859-4", "iso-8859-5": "iso-8859-5", "cyrillic": "iso-8859-5",
        "iso-8859-6": "iso-8859-6", "arabic": "iso-8859-6", "iso-8859-7": "iso-8859-7", "greek": "iso-8859-7",
        "iso-8859-8": "iso-8859-8", "hebrew": "iso-8859-8", "iso-8859-8-i": "iso-8859-8",
        "iso-8859-9": "windows-1254", "latin5": "windows-1254", "iso-8859-10": "iso-8859-10",
        "iso-8859-11": "windows-874", "tis-620": "windows-874", "iso-8859-13": "iso-8859-13",
        "iso-8859-14": "iso-8859-14", "iso-8859-15": "iso-8859-15", "latin9": "iso-8859-15",
        "iso-8859-16": "iso-8859-16",
        "windows-1250": "windows-1250", "windows-1251": "windows-1251", "cp1251": "windows-1251",
        "windows-1253": "windows-1253", "windows-1254": "windows-1254", "windows-1255": "windows-1255",
        "windows-1256": "windows-1256", "windows-1257": "windows-1257", "windows-1258": "windows-1258",
        "windows-874": "windows-874",
        "koi8-r": "koi8-r", "koi8r": "koi8-r", "koi": "koi8-r", "koi8-u": "koi8-u", "koi8-ru": "koi8-u",
        "shift_jis": "shift_jis", "shift-jis": "shift_jis", "sjis": "shift_jis", "x-sjis": "shift_jis",
        "ms_kanji": "shift_jis", "windows-31j": "shift_jis", "cp932": "shift_jis",
        "euc-jp": "euc-jp", "x-euc-jp": "euc-jp", "iso-2022-jp": "iso-2022-jp",
        "gb2312": "gbk", "gbk": "gbk", "x-gbk": "gbk", "gb_2312-80": "gbk", "chinese": "gbk",
        "csgb2312": "gbk", "cp936": "gbk", "windows-936": "gbk", "gb18030": "gb18030",
        "big5": "big5", "big5-hkscs": "big5", "cn-big5": "big5", "x-x-big5": "big5", "csbig5": "big5",
        "euc-kr": "euc-kr", "ks_c_5601-1987": "euc-kr", "windows-949": "euc-kr", "cp949": "euc-kr",
        "mac": "macintosh", "macintosh": "macintosh", "x-mac-roman": "macintosh",
    ]

    /// iconv names for our canonical names where they differ (glibc spellings).
    static let iconvNames: [String: String] = [
        "windows-1252": "CP1252", "shift_jis": "CP932", "gbk": "GBK", "big5": "BIG5-HKSCS",
        "euc-kr": "CP949", "windows-874": "CP874", "macintosh": "MACINTOSH",
    ]

    public static func canonicalName(_ label: String) -> String? {
        let l = label.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        if let c = labels[l] { return c }
        // Anything else glibc's iconv can open is accepted under its own name.
        let cd = iconv_open("UTF-8", l)
        if cd == iconv_t(bitPattern: -1) { return nil }
        iconv_close(cd)
        return l
    }

    /// Converts to UTF-8; invalid or unmappable byte sequences become U+FFFD.
    static func convert(_ bytes: ArraySlice<UInt8>, from encoding: String) -> [UInt8] {
        if encoding == "utf-8" {
            if isValidUTF8(bytes) { return Array(bytes) }
            return Array(String(decoding: bytes, as: UTF8.self).utf8)
        }
        if encoding == "windows-1252", !bytes.contains(where: { $0 >= 0x80 }) { return Array(bytes) }
        let name = iconvNames[encoding] ?? encoding
        let cd = iconv_open("UTF-8", name)
        if cd == iconv_t(bitPattern: -1) { return Array(String(decoding: bytes, as: UTF8.self).utf8) }
        defer { iconv_close(cd) }
        var input = Array(bytes)
        var output = [UInt8](repeating: 0, count: max(64, input.count * 4 + 16))
        var produced = 0
        input.withUnsafeMutableBufferPointer { inBuf in
            var inPtr = UnsafeMutableRawPointer(inBuf.baseAddress!).assumingMemoryBound(to: CChar.self)
            var inLeft = inBuf.count
            while inLeft > 0 {
                let (result, err): (Int, Int32) = output.withUnsafeMutableBufferPointer { outBuf in
                    var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress! + produced)
                        .assumingMemoryBound(to: CChar.self)
                    var outLeft = outBuf.count - produced
                    var inP: UnsafeMutablePointer<CChar>? = inPtr
                    let r = iconv(cd, &inP, &inLeft, &outPtr, &outLeft)
                    let e = errno
                    inPtr = inP!
                    produced = outBuf.count - outLeft
                    return (r, e)
                }
                if result != -1 { break }
                if err == E2BIG {
                    output.append(contentsOf: [UInt8](repeating: 0, count: output.count))
                } else {
                    // EILSEQ or EINVAL: replace one byte and go on.
                    if output.count - produced < 3 { output.append(contentsOf: [UInt8](repeating: 0, count: 64)) }
                    output[produced] = 0xEF; output[produced + 1] = 0xBF; output[produced + 2] = 0xBD
                    produced += 3
                    inPtr += 1
                    inLeft -= 1
                    iconv(cd, nil, nil, nil, nil)
                }
            }
        }
        output.removeSubrange(produced...)
        return output
    }
}
