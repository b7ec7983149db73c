// "Did you mean": Levenshtein distance and the choice and order of suggestions.
import Atlas
import Testing

@Suite struct SuggestionsTests {
  @Test(arguments: [
    ("", "", 0),
    ("", "abc", 3),
    ("abc", "", 3),
    ("same", "same", 0),
    ("kitten", "sitting", 3),
    ("flaw", "lawn", 2),
    ("sumary", "summary", 1),
    ("ab", "ba", 2),
    ("Mixup", "MIXUP", 0),
  ])
  func editDistanceIsLevenshteinIgnoringCase(a: String, b: String, expected: Int) {
    #expect(editDistance(a, b) == expected)
    #expect(editDistance(b, a) == expected)
  }

  @Test func editDistanceCountsCharactersNotBytes() {
    #expect(editDistance("naïve", "naive") == 1)
    #expect(editDistance("λ", "l") == 1)
  }

  @Test func closeNamesAreSuggestedBestFirst() {
    let known = ["summary", "saves", "slug", "name", "domains"]
    #expect(suggestions(for: "sumary", in: known) == ["summary"])
    #expect(suggestions(for: "slugg", in: known).first == "slug")
  }

  @Test func farNamesAreNotSuggested() {
    #expect(suggestions(for: "hyperparameters", in: ["slug", "name", "saves"]).isEmpty)
    #expect(suggestions(for: "xyz", in: []).isEmpty)
  }

  @Test func thresholdGrowsWithTheLengthOfTheName() {
    // Short names allow two edits; a 12-letter name allows four (a third of its length).
    #expect(suggestions(for: "ab", in: ["xy", "xyz"]) == ["xy"])
    #expect(suggestions(for: "learningrate", in: ["leerninggraet"]) == ["leerninggraet"])
    #expect(suggestions(for: "learningrate", in: ["leernnggrxetq"]).isEmpty)
  }

  @Test func containmentEitherWayCountsAsAnExactHit() {
    let known = ["dataset-regularization", "data-sampling", "data"]
    #expect(suggestions(for: "regularization", in: known) == ["dataset-regularization"])
    #expect(suggestions(for: "data-sampling-online", in: known) == ["data-sampling", "data"])
  }

  @Test func aCloseTypoOutranksAShortNameItContains() {
    // "data-centrik" contains "data", but is one edit from "data-centric".
    #expect(suggestions(for: "data-centrik", in: ["data", "data-centric", "data-sampling"]) == ["data-centric", "data"])
    #expect(suggestions(for: "mix", in: ["input mixup", "mix-up", "mixup"]) == ["mixup", "mix-up", "input mixup"])
  }

  @Test func tiesAreBrokenByNameAndTheLimitIsApplied() {
    let known = ["bat", "cat", "hat", "mat", "rat"]
    #expect(suggestions(for: "at", in: known) == ["bat", "cat", "hat"])
    #expect(suggestions(for: "at", in: known, limit: 5) == known)
    #expect(suggestions(for: "at", in: known, limit: 1) == ["bat"])
  }

  @Test func matchingIsCaseInsensitiveButSuggestionsKeepTheirSpelling() {
    #expect(suggestions(for: "LEARNING-RATE", in: ["learning-rate", "Large-Batch"]) == ["learning-rate"])
    #expect(suggestions(for: "large-batch", in: ["learning-rate", "Large-Batch"]) == ["Large-Batch"])
  }
}
