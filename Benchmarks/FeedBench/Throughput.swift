import Feeds
import Foundation
enum Throughput { static func run(_ f: [String]) {} }
enum Peak { static func run(_ f: [String]) {} }
