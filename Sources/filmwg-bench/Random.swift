/// SplitMix64: small, fast, and the same numbers on every platform and Swift version, which is
/// what "same seed → same bytes" needs (the standard library's generators promise neither).
///
/// Every generated record draws from a generator of its own, seeded from (seed, stream, index),
/// so any record can be rebuilt from its index alone: a professional's e-mail or a company's
/// USCC is recomputed where another file refers to it, and nothing is kept in memory.
struct Random {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// The generator of record `index` of `stream` under `seed`.
    init(seed: UInt64, stream: Stream, index: Int) {
        var mixer = Random(seed: seed ^ (stream.rawValue &* 0x9E37_79B9_7F4A_7C15))
        _ = mixer.next()
        state = mixer.next() ^ (UInt64(truncatingIfNeeded: index) &* 0xD1B5_4A32_D192_ED03)
        _ = next()
    }

    enum Stream: UInt64 {
        case company = 1, professional, membership, event, attendance, driver
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in 0..<bound (Lemire's multiply-high; the tiny bias is irrelevant here).
    mutating func below(_ bound: Int) -> Int {
        guard bound > 0 else { return 0 }
        return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// Uniform in the closed range.
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// True with probability `percent` / 100.
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

    /// True with probability `perMille` / 1000.
    mutating func chance(perMille: Int) -> Bool { below(1000) < perMille }

    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// An item chosen by integer weights.
    mutating func pick<T>(weighted items: [(T, Int)]) -> T {
        let total = items.reduce(0) { $0 + $1.1 }
        var roll = below(total)
        for (item, weight) in items {
            if roll < weight { return item }
            roll -= weight
        }
        return items[items.count - 1].0
    }

    /// Roughly log-uniform in the closed range: small values are as common per decade as large.
    /// A lower bound below 1 counts as 1.
    mutating func logUniform(_ range: ClosedRange<Int>) -> Int {
        let range = max(1, range.lowerBound)...max(1, range.upperBound)
        // Choose a decade-ish band by bit length, then uniformly inside it.
        let lowBits = Int.bitWidth - range.lowerBound.leadingZeroBitCount
        let highBits = Int.bitWidth - range.upperBound.leadingZeroBitCount
        let bits = int(lowBits...highBits)
        let bandLow = max(range.lowerBound, 1 << (bits - 1))
        let bandHigh = min(range.upperBound, (1 << bits) - 1)
        return int(bandLow...max(bandLow, bandHigh))
    }
}
