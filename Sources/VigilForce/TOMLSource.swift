import Foundation
import TOMLKit

/// A TOML file being read into a `Decodable` shape, able to name the line of any field in its errors.
/// Force files and scenario files both read through it.
public struct TOMLSource: Sendable {
    public let file: String
    let locator: TOMLLocator
    /// The largest force, scenario or theme file read: a force 100 times the demo's is about 40 MB.
    public static let maxBytes = 64 << 20

    /// Reads a UTF-8 text file, or fails with one sentence; `missing` says what to do when there is no such file.
    public static func readText(path: String, missing: String = "no such file; check the path") throws(TOMLFileError)
        -> String
    {
        // A FIFO or a device would block or never end; a huge file would be read whole. Neither is a force or scenario.
        var info = stat()
        if stat(path, &info) == 0 {
            guard (info.st_mode & S_IFMT) == S_IFREG else {
                throw TOMLFileError(
                    file: path, line: nil, field: nil, message: "is not a regular file; give the path of a TOML file")
            }
            guard info.st_size <= maxBytes else {
                throw TOMLFileError(
                    file: path, line: nil, field: nil,
                    message: "is \(info.st_size) bytes, more than the \(maxBytes) a TOML file may be")
            }
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            let exists = FileManager.default.fileExists(atPath: path)
            throw TOMLFileError(
                file: path, line: nil, field: nil,
                message: exists ? "the file cannot be read; check its permissions" : missing)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw TOMLFileError(
                file: path, line: nil, field: nil, message: "the file is not UTF-8 text; save it as UTF-8")
        }
        return text
    }

    public init(text: String, file: String) {
        self.file = file
        locator = TOMLLocator(text: text)
    }

    /// Decodes the text, turning TOML and shape errors into one sentence with file, line and field.
    public func decode<T: Decodable>(_ type: T.Type, from text: String, what: String) throws(TOMLFileError) -> T {
        do throws(TOMLSubset.Failure) {
            try TOMLSubset.check(text)
        } catch {
            throw TOMLFileError(
                file: file, line: error.line, field: nil,
                message: "not valid TOML for Vigil (column \(error.column)): \(error.message)")
        }
        do {
            return try TOMLDecoder().decode(T.self, from: text)
        } catch let e as TOMLParseError {
            throw TOMLFileError(
                file: file, line: e.source.begin.line, field: nil,
                message: "not valid TOML (column \(e.source.begin.column)): \(e.description)")
        } catch let e as DecodingError {
            throw ForceLoader.decodingError(e, file: file, locator: locator)
        } catch {
            throw TOMLFileError(file: file, line: nil, field: nil, message: "cannot be read as \(what): \(error)")
        }
    }

    /// An error about the field at `path`, e.g. `[.key("shifts"), .index(2), .key("start")]`.
    public func fail(_ path: [PathStep], _ message: String) -> TOMLFileError {
        TOMLFileError(file: file, line: locator.line(for: path), field: fieldName(path), message: message)
    }
}
