import Testing
@testable import vigil

@Suite("CSV for analysts: text that a spreadsheet would run is written as text")
struct CSVTests {
    /// Found by a tester: an address from another agency's EIDO reached the incidents CSV as `=1+1, -2+3`.
    @Test func formulasAreQuotedAndNumbersAreNot() {
        #expect(LogExport.csvField("=1+1, -2+3") == "\"'=1+1, -2+3\"")
        #expect(LogExport.csvField("@SUM(A1)") == "'@SUM(A1)")
        #expect(LogExport.csvField("+44 7700") == "'+44 7700")
        #expect(LogExport.csvField("-1.9102") == "-1.9102")
        #expect(LogExport.csvField("14 Broad Street") == "14 Broad Street")
        #expect(LogExport.csvField("say \"hi\"") == "\"say \"\"hi\"\"\"")
    }
}
