// libFuzzer target: ForceLoader.parse, the force file reader. Any text must load or throw a TOMLFileError, never trap.
// Built and run by Scripts/fuzz.sh; seeds in Tests/Fuzz/force-loader/.
import VigilForce

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = try? ForceLoader.parse(text, file: "fuzz.toml")
    return 0
}
