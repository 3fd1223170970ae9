import Foundation

/// The answers that say yes to a question such as "Reset …? [y/N]", the same for `learn reset`
/// (a typed line) and the interactive list (one key): y and yes, 예 and 네, and ㅛ (the y key
/// with a Korean keyboard layout on).
public enum Confirmation {
    public static func isYes(_ answer: String) -> Bool {
        ["y", "yes", "예", "네", "ㅛ"].contains(answer.trimmingCharacters(in: .whitespacesAndNewlines).lowercased())
    }
}
