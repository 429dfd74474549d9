// libFuzzer target: ThemeLoader.parse, the theme file reader. Any text must load or throw a TOMLFileError, never trap.
// Built and run by Scripts/fuzz.sh; seeds in Tests/Fuzz/theme-loader/.
import VigilTUI

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = try? ThemeLoader.parse(text, file: "fuzz.toml")
    return 0
}
