import Foundation

/// File-descriptor accounting for leak tests, read from /proc (Linux).
enum OpenFiles {
    /// procfs files report size 0; Foundation's file readers can stop after one page, so read
    /// until EOF by hand.
    static func readProc(_ path: String) -> String {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return "" }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            bytes += buffer[0..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func count() -> Int {
        (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count) ?? -1
    }

    /// Sockets of this process connected to 127.0.0.1:port: the inodes behind /proc/self/fd
    /// matched against /proc/net/tcp rows whose remote port is `port` (state ESTABLISHED or closing).
    static func describe(port: Int) -> String {
        let hexPort = String(format: ":%04X", port)
        let table = readProc("/proc/net/tcp")
        let rows = table.split(separator: "\n").filter { $0.contains(hexPort) }
        let links = ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []).compactMap {
            try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\($0)")
        }
        return "rows: \(rows)\nlinks: \(links)"
    }

    static func socketsConnected(toPort port: Int) -> Int {
        let descriptors = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        let inodes = Set(descriptors.compactMap { fd -> String? in
            guard let link = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(fd)"),
                  link.hasPrefix("socket:[") else { return nil }
            return String(link.dropFirst(8).dropLast())
        })
        let table = readProc("/proc/net/tcp")
        let hexPort = String(format: ":%04X", port)
        return table.split(separator: "\n").dropFirst().filter { row in
            let columns = row.split(separator: " ")
            return columns.count > 9 && columns[2].hasSuffix(hexPort) && inodes.contains(String(columns[9]))
        }.count
    }
}
