import TOMLKit

/// A TOML file being read into a `Decodable` shape, able to name the line of any field in its errors.
/// Force files and scenario files both read through it.
public struct TOMLSource: Sendable {
    public let file: String
    let locator: TOMLLocator

    public init(text: String, file: String) {
        self.file = file
        locator = TOMLLocator(text: text)
    }

    /// Decodes the text, turning TOML and shape errors into one sentence with file, line and field.
    public func decode<T: Decodable>(_ type: T.Type, from text: String, what: String) throws(ForceFileError) -> T {
        do {
            return try TOMLDecoder().decode(T.self, from: text)
        } catch let e as TOMLParseError {
            throw ForceFileError(file: file, line: e.source.begin.line, field: nil, message: "not valid TOML (column \(e.source.begin.column)): \(e.description)")
        } catch let e as DecodingError {
            throw ForceLoader.decodingError(e, file: file, locator: locator)
        } catch {
            throw ForceFileError(file: file, line: nil, field: nil, message: "cannot be read as \(what): \(error)")
        }
    }

    /// An error about the field at `path`, e.g. `[.key("shifts"), .index(2), .key("start")]`.
    public func fail(_ path: [PathStep], _ message: String) -> ForceFileError {
        ForceFileError(file: file, line: locator.line(for: path), field: fieldName(path), message: message)
    }
}

