import Foundation
import VigilCore

/// The built-in West Midlands-like demo force, shipped as a package resource.
public enum DemoForce {
    /// The demo force file's text.
    public static func text() throws(TOMLFileError) -> String {
        guard let url = Bundle.module.url(forResource: "demo-force", withExtension: "toml"),
            let data = try? Data(contentsOf: url), let text = String(data: data, encoding: .utf8)
        else {
            throw TOMLFileError(
                file: "demo-force.toml", line: nil, field: nil,
                message: "the built-in demo force is missing from this build; rebuild Vigil")
        }
        return text
    }

    /// Loads and checks the demo force.
    public static func load() throws(TOMLFileError) -> LoadedForce {
        try ForceLoader.parse(try text(), file: "demo-force.toml")
    }
}
