import Foundation

/// The theme files shipped with Vigil, kept at the top of the repository so a user can find one to copy.
public enum BuiltInThemes {
    /// The text of the built-in theme `name` (e.g. `default`), or nil when this build lacks it.
    public static func text(_ name: String) -> String? {
        guard let url = Bundle.module.url(forResource: name, withExtension: "toml") else { return nil }
        return try? String(contentsOf: url, encoding: .utf8)
    }
}
