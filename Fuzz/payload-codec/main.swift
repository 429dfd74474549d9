// libFuzzer target: the hand-written JSON reader and the event payload codec. Any bytes must decode or throw.
// A payload that decodes must also re-encode to text that decodes to the same change (the log writes what it reads).
// Built and run by Scripts/fuzz.sh; seeds in Tests/Fuzz/payload-codec/.
import VigilCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    guard let change = try? Change(json: bytes) else {
        _ = try? Change(json: String(decoding: bytes, as: UTF8.self))
        return 0
    }
    let text = change.json
    do {
        let again = try Change(json: text)
        if again != change { fatalError("payload round trip changed the value:\n\(change)\n\(again)\n\(text)") }
    } catch {
        fatalError("a decoded payload re-encodes to text that does not decode: \(error)\n\(text)")
    }
    return 0
}
