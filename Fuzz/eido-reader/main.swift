// libFuzzer target: the EIDO import's readers (the file split into documents, each document mapped to an intake,
// PIDF-LO, RFC 3339 times, the schema's checks). Every input must give intakes or sentences, never a trap.
// Built and run by Scripts/fuzz.sh; seeds in Tests/Fuzz/eido-reader/.
import VigilCore
import VigilEIDO

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    for (k, document) in (EIDOFile.documents(bytes) ?? []).enumerated() {
        do {
            let intake = try EIDOReader.intake(document, number: k + 1)
            _ = String(describing: intake)
        } catch {
            _ = error.description
        }
    }
    let text = String(decoding: bytes, as: UTF8.self)
    _ = PIDFLocation(xml: text)?.addressLine
    _ = EIDOTime.parse(text)
    return 0
}
