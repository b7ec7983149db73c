// The schema, as a timeline of migrations. The database is a cache that every build writes
// afresh into a new file (AtlasDatabase.build), so migrations only ever run on an empty
// database and no user data lives here.
import GRDB

enum AtlasSchema {
  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1: taxonomy, techniques, papers") { db in
      try db.create(table: "paper") { t in
        t.primaryKey("id", .text)
        t.column("entryType", .text).notNull()
        t.column("title", .text).notNull()
        t.column("authors", .jsonText).notNull()
        t.column("year", .integer).notNull()
        t.column("venue", .text).notNull()
        t.column("arxiv", .text)
        t.column("doi", .text)
        t.column("url", .text)
        t.column("verified", .boolean).notNull()
        t.column("fields", .jsonText).notNull()
      }
      try db.create(table: "survey") { t in
        t.primaryKey("id", .text)
        t.column("paperId", .text).notNull().references("paper")
        t.column("short", .text).notNull()
        t.column("title", .text).notNull()
        t.column("authors", .jsonText).notNull()
        t.column("year", .integer).notNull()
        t.column("venue", .text).notNull()
        t.column("arxiv", .text)
        t.column("doi", .text)
        t.column("url", .text)
        t.column("description", .text).notNull()
      }
      try db.create(table: "taxonomyNode") { t in
        t.primaryKey("id", .text)
        t.column("surveyId", .text).notNull().references("survey", onDelete: .cascade)
        t.column("axisId", .text).notNull()
        t.column("parentId", .text).references("taxonomyNode", onDelete: .cascade)
        t.column("depth", .integer).notNull()
        t.column("position", .integer).notNull()
        t.column("name", .text).notNull()
        t.column("description", .text).notNull()
        t.column("provenance", .text).notNull().check { ["survey", "curated"].contains($0) }
        t.column("source", .text)
        t.column("rationale", .text)
        t.column("isLeaf", .boolean).notNull()
      }
      try db.create(table: "example") { t in
        t.primaryKey("id", .text)
        t.column("techniqueId", .text).notNull()
        t.column("path", .text).notNull()
      }
      try db.create(table: "technique") { t in
        t.primaryKey("id", .text)
        t.column("name", .text).notNull()
        t.column("summary", .text).notNull()
        t.column("description", .text).notNull()
        t.column("saves", .jsonText).notNull()
        t.column("domains", .jsonText).notNull()
        t.column("exampleId", .text).references("example")
        t.column("sourcePath", .text).notNull()
      }
      try db.create(table: "techniqueAlias") { t in
        t.column("techniqueId", .text).notNull().references("technique", onDelete: .cascade)
        t.column("alias", .text).notNull()
        t.primaryKey(["techniqueId", "alias"])
      }
      try db.create(table: "classification") { t in
        t.column("techniqueId", .text).notNull().references("technique", onDelete: .cascade)
        t.column("nodeId", .text).notNull().references("taxonomyNode", onDelete: .cascade)
        t.column("provenance", .text).notNull().check { ["survey", "curated"].contains($0) }
        t.column("rationale", .text).notNull()
        t.primaryKey(["techniqueId", "nodeId"])
      }
      try db.create(index: "classificationByNode", on: "classification", columns: ["nodeId"])
      try db.create(table: "surveyCitation") { t in
        t.column("surveyId", .text).notNull().references("survey", onDelete: .cascade)
        t.column("paperId", .text).notNull().references("paper", onDelete: .cascade)
        t.column("confidence", .text).notNull().check { ["H", "M", "L"].contains($0) }
        t.primaryKey(["surveyId", "paperId"])
      }
      try db.create(table: "techniquePaper") { t in
        t.column("techniqueId", .text).notNull().references("technique", onDelete: .cascade)
        t.column("paperId", .text).notNull().references("paper", onDelete: .cascade)
        t.column("role", .text).notNull()
        t.column("position", .integer).notNull()
        t.primaryKey(["techniqueId", "paperId"])
      }
      try db.create(index: "techniquePaperByPaper", on: "techniquePaper", columns: ["paperId"])
      try db.create(table: "claim") { t in
        t.column("techniqueId", .text).notNull().references("technique", onDelete: .cascade)
        t.column("position", .integer).notNull()
        t.column("value", .double).notNull()
        t.column("unit", .text).notNull()
        t.column("metric", .text).notNull()
        t.column("setting", .text).notNull()
        t.column("paperId", .text).notNull().references("paper")
        t.column("source", .text)
        t.primaryKey(["techniqueId", "position"])
      }
      try db.create(table: "relation") { t in
        t.column("techniqueId", .text).notNull().references("technique", onDelete: .cascade)
        t.column("kind", .text).notNull()
        t.column("otherId", .text).notNull().references("technique", onDelete: .cascade)
        t.primaryKey(["techniqueId", "kind", "otherId"])
      }
      try db.create(table: "hyperparameter") { t in
        t.column("techniqueId", .text).notNull().references("technique", onDelete: .cascade)
        t.column("position", .integer).notNull()
        t.column("name", .text).notNull()
        t.column("value", .text).notNull()
        t.column("reason", .text).notNull()
        t.primaryKey(["techniqueId", "position"])
      }
      try db.create(table: "caveat") { t in
        t.column("techniqueId", .text).notNull().references("technique", onDelete: .cascade)
        t.column("position", .integer).notNull()
        t.column("text", .text).notNull()
        t.primaryKey(["techniqueId", "position"])
      }
      try db.create(table: "buildInfo") { t in
        t.primaryKey("key", .text)
        t.column("value", .text).notNull()
      }
    }
    migrator.registerMigration("v2: full-text search") { db in
      // One FTS5 table over every kind of thing a user searches for. Porter stemming over
      // unicode61 makes "schedules" find "schedule"; `kind` and `id` are stored, not indexed.
      // Columns are weighted by bm25 at query time (Search.swift), names highest.
      try db.create(virtualTable: "searchIndex", using: FTS5()) { t in
        t.tokenizer = .porter(wrapping: .unicode61())
        t.column("kind").notIndexed()
        t.column("id").notIndexed()
        t.column("name")
        t.column("aliases")
        t.column("summary")
        t.column("body")
      }
    }
    migrator.registerMigration("v3: measured results") { db in
      try db.create(table: "resultSet") { t in
        t.primaryKey("id", .text)
        t.column("techniqueId", .text).notNull().references("technique", onDelete: .cascade)
        t.column("profile", .text).notNull()
        t.column("workload", .text).notNull()
        t.column("date", .text).notNull()
        t.column("commit", .text)
        t.column("complete", .boolean).notNull()
        t.column("verdict", .text)
        t.column("speedup", .double)
        t.column("speedupLow", .double)
        t.column("speedupHigh", .double)
        t.column("sourcePath", .text).notNull()
        t.column("details", .jsonText).notNull()
      }
      try db.create(index: "resultSetByTechnique", on: "resultSet", columns: ["techniqueId"])
      try db.create(table: "run") { t in
        t.column("resultSetId", .text).notNull().references("resultSet", onDelete: .cascade)
        t.column("position", .integer).notNull()
        t.column("arm", .text).notNull().check { ["baseline", "technique"].contains($0) }
        t.column("seed", .integer).notNull()
        t.column("budget", .double).notNull()
        t.column("plannedSteps", .integer).notNull()
        t.column("steps", .integer).notNull()
        t.column("diverged", .boolean).notNull()
        t.column("trainSeconds", .double).notNull()
        t.column("finalMetric", .double)
        t.column("testMetric", .double)
        t.column("trace", .jsonText).notNull()
        t.primaryKey(["resultSetId", "position"])
      }
      try db.create(table: "evalPoint") { t in
        t.column("resultSetId", .text).notNull()
        t.column("runPosition", .integer).notNull()
        t.column("step", .integer).notNull()
        t.column("seconds", .double).notNull()
        t.column("flops", .double).notNull()
        t.column("trainLoss", .double)
        t.column("validationLoss", .double)
        t.column("metric", .double)
        t.primaryKey(["resultSetId", "runPosition", "step"])
        t.foreignKey(["resultSetId", "runPosition"], references: "run", onDelete: .cascade)
      }
    }
    return migrator
  }
}
