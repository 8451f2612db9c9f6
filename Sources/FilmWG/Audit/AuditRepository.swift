import Foundation
public import Postgres

/// Reads the audit log (`filmwg.audit_log`): every insert, update and delete of the records,
/// written by the database's audit trigger. Nothing here writes to it; admins cannot.
public typealias AuditRepository = Repository<AuditEntry>

extension AuditRepository {
    static var columns: Query {
        """
        SELECT a.id, a.at, a.actor, a.table_name, a.row_id, a.action, a.old_values::text, a.new_values::text,
               CASE WHEN a.action = 'update' THEN
                   (SELECT string_agg(format('%s: %s → %s', k, coalesce(a.old_values -> k, 'null'::jsonb),
                                             coalesce(a.new_values -> k, 'null'::jsonb)), ', ' ORDER BY k)
                      FROM (SELECT jsonb_object_keys(a.old_values) UNION SELECT jsonb_object_keys(a.new_values)) keys(k)
                     WHERE k <> 'row_version' AND a.old_values -> k IS DISTINCT FROM a.new_values -> k)
               END AS changes
          FROM filmwg.audit_log a
        """
    }

    static func decode(_ row: Row) throws -> AuditEntry {
        let (id, at, actor, table, rowId, action, old, new, changes) =
            try row.decode((Int64, Date, String, String, String, String, String?, String?, String?).self)
        return AuditEntry(
            id: id, at: at, actor: actor, tableName: table, rowId: rowId, action: action, oldValues: old,
            newValues: new, changes: changes)
    }

    /// The tables whose changes are audited (those with the audit trigger), by name.
    public func auditedTables() throws -> [String] {
        try db.query(
            """
            SELECT DISTINCT c.relname::text FROM pg_catalog.pg_trigger t
              JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid
              JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'filmwg' AND t.tgname = 'audit' AND NOT t.tgisinternal
             ORDER BY 1
            """
        ).map { try $0.decode(String.self, at: 0) }
    }

    /// Audit rows, newest first; every filter given must hold.
    /// - Throws: `RecordError.invalid` for a table that is not audited (naming the nearest).
    /// - Parameters:
    ///   - since: changes made on or after the start of this day, Asia/Shanghai.
    public func list(
        table: String? = nil, since: CalendarDate? = nil, actor: String? = nil, limit: Int? = nil
    ) throws -> [AuditEntry] {
        if let limit, limit < 0 { throw RecordError.invalid("the limit must not be negative") }
        let table = try table.map { try Vocabulary.check($0, among: auditedTables(), field: "table") }
        return try db.query(
            """
            \(Self.columns)
             WHERE (\(table)::text IS NULL OR a.table_name = \(table))
               AND (\(since)::date IS NULL OR a.at >= (\(since)::date::timestamp AT TIME ZONE 'Asia/Shanghai'))
               AND (\(actor)::text IS NULL OR a.actor = \(actor))
             ORDER BY a.id DESC
             LIMIT \(limit)
            """
        ).map(Self.decode)
    }

    /// Every change of one record, oldest first. An election's history includes its
    /// candidates' rows, a policy's its versions' rows, a work's its co-producers' and awards' rows.
    public func history(of subject: HistorySubject, id: Int64, limit: Int? = nil) throws -> [AuditEntry] {
        let key = String(id)
        let children: [(table: String, column: String)] =
            switch subject {
            case .election: [("election_candidates", "election_id")]
            case .policy: [("policy_versions", "policy_id")]
            case .work: [("work_co_producers", "work_id"), ("awards", "work_id")]
            default: []
            }
        return try db.query(
            """
            \(Self.columns)
             WHERE (a.table_name = \(subject.table) AND a.row_id = \(key))
                OR (a.table_name = ANY (\(children.map(\.table))::text[])
                    AND coalesce(a.new_values, a.old_values) ->> (\(children.map(\.column))::text[])[
                        array_position(\(children.map(\.table))::text[], a.table_name)] = \(key))
             ORDER BY a.id
             LIMIT \(limit)
            """
        ).map(Self.decode)
    }
}
