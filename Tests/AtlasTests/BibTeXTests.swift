// The BibTeX reader: value syntaxes, macros, what counts as a comment, entry delimiters, and
// the line every entry, field and error points at.
import Atlas
import Testing

@Suite struct BibTeXTests {
  /// The only entry of `text`, or an issue.
  func single(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> BibEntry {
    let entries = try parseBibTeX(text)
    try #require(entries.count == 1, sourceLocation: sourceLocation)
    return entries[0]
  }

  /// The error parsing `text` throws, or an issue when it parses.
  func error(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> BibTeXError? {
    #expect(throws: BibTeXError.self, sourceLocation: sourceLocation) { try parseBibTeX(text) }
  }

  // MARK: - Values

  @Test func bracedValuesKeepNestedBraces() throws {
    let e = try single("@article{k, title = {The {GPU} and {a {deeply} nested} word}}")
    #expect(e.fields["title"] == "The {GPU} and {a {deeply} nested} word")
  }

  @Test func bracedValuesMaySpanLines() throws {
    let e = try single("@article{k,\n  title = {first\n    second},\n  year = 2020}")
    #expect(e.fields["title"] == "first\n    second")
    #expect(e.fields["year"] == "2020")
  }

  @Test func quotedValuesMayHoldBracesAndBracedQuotes() throws {
    let e = try single(#"@article{k, title = "A {"}quoted{"} {Title}, with, commas", note = "plain"}"#)
    #expect(e.fields["title"] == #"A {"}quoted{"} {Title}, with, commas"#)
    #expect(e.fields["note"] == "plain")
  }

  @Test func bareNumbersAreValues() throws {
    let e = try single("@article{k, year = 2018, volume = 57}")
    #expect(e.fields == ["year": "2018", "volume": "57"])
  }

  @Test func stringMacrosExpandAndConcatenateWithHash() throws {
    let e = try single(
      """
      @string{conf = {International Conference}}
      @STRING(short = "ICLR")
      @inproceedings{k,
        booktitle = conf # " on Learning Representations (" # SHORT # {)},
        note = short # 2018
      }
      """)
    #expect(e.fields["booktitle"] == "International Conference on Learning Representations (ICLR)")
    #expect(e.fields["note"] == "ICLR2018")
  }

  @Test func laterStringsMayUseEarlierOnes() throws {
    let e = try single("@string{a = {x}}\n@string{b = a # {y}}\n@misc{k, note = b}")
    #expect(e.fields["note"] == "xy")
  }

  @Test func monthMacrosArePredefined() throws {
    let e = try single("@article{k, month = jan, other = dec # {~1}, upper = Feb}")
    #expect(e.fields["month"] == "January")
    #expect(e.fields["other"] == "December~1")
    #expect(e.fields["upper"] == "February")
  }

  // MARK: - Comments and free text

  @Test func commentsPercentLinesAndFreeTextAreIgnored() throws {
    let entries = try parseBibTeX(
      """
      This line is free text, which BibTeX ignores.
      % a comment line that mentions @article{fake, title = {no}}
      @comment{a comment block with {nested} braces and an @misc{inside, x = {y}}}
      @preamble{"\\newcommand{\\x}{y}"}
      @article{real, title = {Yes}}
      More free text between entries.
      @COMMENT(another (parenthesized) comment)
      @misc{second, title = {Also}}
      trailing words
      """)
    #expect(entries.map(\.key) == ["real", "second"])
    #expect(entries.map(\.type) == ["article", "misc"])
  }

  @Test func commentBlocksMayHoldUnbalancedParentheses() throws {
    // Inside braces only braces nest: a lone ")" in a braced comment does not close it, so the
    // "@misc" later in the same comment is still comment text.
    let entries = try parseBibTeX(
      """
      @comment{Conventions: 1) keys are author-year-word; see @misc{example} for one}
      @article{real, title = {Yes}}
      """)
    #expect(entries.map(\.key) == ["real"])
  }

  // MARK: - Entry syntax

  @Test func parenthesesMayDelimitEntries() throws {
    let e = try single("@book(knuth1984, title = {The {\\TeX}book (2nd ed.)}, year = 1984)")
    #expect(e.type == "book")
    #expect(e.key == "knuth1984")
    #expect(e.fields == ["title": "The {\\TeX}book (2nd ed.)", "year": "1984"])
  }

  @Test func trailingCommaIsAllowed() throws {
    let entries = try parseBibTeX("@article{a, title = {A},\n}\n@misc(b, year = 1999,)\n@misc{c,}")
    #expect(entries.map(\.key) == ["a", "b", "c"])
    #expect(entries[0].fields == ["title": "A"])
    #expect(entries[2].fields.isEmpty)
  }

  @Test func typesAndFieldNamesAreLowercasedButKeysAreNot() throws {
    let e = try single("@InProceedings{Zhang2018Mixup, TITLE = {T}, BookTitle = {B}}")
    #expect(e.type == "inproceedings")
    #expect(e.key == "Zhang2018Mixup")
    #expect(Set(e.fields.keys) == ["title", "booktitle"])
  }

  @Test func entriesAndFieldsRememberTheirLines() throws {
    let entries = try parseBibTeX(
      """
      % line 1

      @article{first,
        title = {A title
          over two lines},
        year = 2020
      }
      @misc{second, title = {B},
        note
          = {name and value on different lines}}
      """)
    try #require(entries.count == 2)
    #expect(entries[0].line == 3)
    #expect(entries[0].fieldLines == ["title": 4, "year": 6])
    #expect(entries[1].line == 8)
    #expect(entries[1].fieldLines == ["title": 8, "note": 9])
  }

  // MARK: - Errors

  @Test func unbalancedBracePointsAtTheOpeningLine() {
    // The value swallows the rest of the file, so the end comes before its '}'.
    let e = error("@article{ok, title = {fine}}\n\n@article{bad,\n  title = {never {closed},\n  year = 2020\n")
    #expect(e?.line == 4)
    #expect(e?.message.contains("unbalanced braces") == true)
  }

  @Test func unterminatedQuotePointsAtTheOpeningQuote() {
    let e = error("@article{k,\n  year = 2020,\n  title = \"never closed,\n  note = {x}\n}\n")
    #expect(e?.line == 3)
    #expect(e?.message.contains("unterminated") == true)
  }

  @Test func undefinedMacroIsAnErrorOnItsLine() {
    let e = error("@string{known = {k}}\n@article{k,\n  booktitle = known # unknown,\n}")
    #expect(e?.line == 3)
    #expect(e?.message.contains("undefined @string macro 'unknown'") == true)
  }

  @Test func duplicateFieldIsAnErrorOnTheSecondOccurrence() {
    let e = error("@article{k,\n  title = {A},\n  year = 2020,\n  Title = {B}\n}")
    #expect(e?.line == 4)
    #expect(e?.message.contains("field 'title' appears twice in entry 'k'") == true)
  }

  @Test func missingKeyPointsAtTheEntry() {
    let e = error("@misc{ok, title = {x}}\n\n@article{,\n  title = {no key}\n}")
    #expect(e?.line == 3)
    #expect(e?.message.contains("no citation key") == true)
  }

  @Test func unclosedEntryPointsAtItsStart() {
    let e = error("@article{k,\n  title = {A}\n\n")
    #expect(e?.line == 1)
    #expect(e?.message.contains("not closed") == true)
  }

  @Test func errorDescriptionCarriesTheLine() {
    let e = error("\n\n@article{k, month = nosuchmonth}")
    #expect(e?.description == "line 3: undefined @string macro 'nosuchmonth'")
  }
}
