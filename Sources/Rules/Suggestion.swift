/// The candidate a person most likely meant by `word`, or nil when none is close enough to be
/// worth saying.
///
/// Distance counts an adjacent swap as one edit (`productoin`), and the tolerance grows with
/// the word's length so short words are not "corrected" into unrelated ones. A word that is a
/// clear part of exactly one candidate (`capital`) is also matched.
func nearest(to word: String, among candidates: [String], maximumDistance: Int? = nil) -> String? {
    let typed = Array(word.lowercased())
    if let exact = candidates.first(where: { $0.lowercased() == word.lowercased() }) { return exact }
    let tolerance = maximumDistance ?? (typed.count <= 3 ? 1 : typed.count <= 6 ? 2 : 3)
    var best: (candidate: String, distance: Int)?
    for candidate in candidates {
        let target = Array(candidate.lowercased())
        guard abs(target.count - typed.count) <= tolerance, target.count > tolerance else { continue }
        let distance = editDistance(typed, target)
        if distance <= tolerance, distance < (best?.distance ?? .max) {
            best = (candidate, distance)
        }
    }
    if let best { return best.candidate }
    guard maximumDistance == nil, typed.count >= 4 else { return nil }
    let containing = candidates.filter { $0.lowercased().contains(word.lowercased()) }
    return containing.count == 1 ? containing[0] : nil
}

/// Optimal string alignment distance: insertions, deletions, substitutions and swaps of
/// neighbours each cost one.
private func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous2 = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var row = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        row[0] = i
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                row[j] = min(row[j], previous2[j - 2] + 1)
            }
        }
        (previous2, previous, row) = (previous, row, previous2)
    }
    return previous[b.count]
}
