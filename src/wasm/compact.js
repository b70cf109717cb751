// Builds report() from the compact form made by src/wasm/compact.rs: the same plain object
// as JSON.parse(reportJson()), keys in the same order, at a fraction of the cost; and a few
// assignments or findings the same way (Check.assignmentsAt, Check.findingsAt).

const TYPES = ["member", "other", "unassigned"];
const MATCHED_BY = [null, "wechat_id", "biz_mail", "email", "mobile", "roster", "override", "path_new"];
const SEVERITIES = ["error", "warning", "info"];
const FILES = [null, "exmail", "wecom", "roster", "options"];
const NONE = 0xffffffff;
const ASSIGNMENT_WORDS = 7;
const FINDING_WORDS = 7;

/**
 * The string of each id: `index << 1 | wide`, cut from its text (compact.rs gives the layout).
 * @param {string} narrow the ASCII strings, end to end
 * @param {Uint32Array} narrowEnds where each ends in `narrow`
 * @param {string} wide the other strings, end to end
 * @param {Uint32Array} wideEnds where each ends in `wide` (UTF-16 units)
 * @returns {(id: number) => string | null}
 */
function strings(narrow, narrowEnds, wide, wideEnds) {
  return (id) => {
    if (id === NONE) return null;
    const i = id >>> 1;
    return id & 1
      ? wide.substring(i === 0 ? 0 : wideEnds[i - 1], wideEnds[i])
      : narrow.substring(i === 0 ? 0 : narrowEnds[i - 1], narrowEnds[i]);
  };
}

/** `str` for ids that repeat (codes, departments): one JS string per id. */
function shared(str) {
  const seen = new Map();
  return (id) => {
    let s = seen.get(id);
    if (s === undefined) seen.set(id, (s = str(id)));
    return s;
  };
}

/**
 * @param {string} head the report as JSON, its assignments and findings empty
 * @param {string} narrow the ASCII strings of the lists, end to end
 * @param {Uint32Array} narrowEnds
 * @param {string} wide the other strings, end to end
 * @param {Uint32Array} wideEnds
 * @param {Uint32Array} assignments seven numbers per assignment
 * @param {Uint32Array} findings seven numbers per finding
 * @param {string} argsJson each finding's `args`, as one JSON array
 */
export function buildReport(head, narrow, narrowEnds, wide, wideEnds, assignments, findings, argsJson) {
  const report = JSON.parse(head);
  const lists = buildLists(narrow, narrowEnds, wide, wideEnds, assignments, findings, argsJson);
  report.assignments = lists.assignments;
  report.findings = lists.findings;
  return report;
}

/**
 * Assignments and findings from their compact form (all of them for report(), or a few for
 * Check.assignmentsAt / findingsAt): `{ assignments, findings }`.
 */
export function buildLists(narrow, narrowEnds, wide, wideEnds, assignments, findings, argsJson) {
  const str = strings(narrow, narrowEnds, wide, wideEnds);
  const fixed = shared(str);

  const list = new Array(assignments.length / ASSIGNMENT_WORDS);
  for (let i = 0, o = 0; i < list.length; i++, o += ASSIGNMENT_WORDS) {
    const kind = assignments[o + 5];
    // compact.rs names a repeated string by the same id: one JS string serves both fields.
    const emailId = assignments[o];
    const email = str(emailId);
    const evidenceId = assignments[o + 2];
    const nameId = assignments[o + 3];
    const name = str(nameId);
    const wecomNameId = assignments[o + 4];
    list[i] = {
      email,
      type: TYPES[kind & 0xf],
      userid: str(assignments[o + 1]),
      matched_by: MATCHED_BY[kind >>> 4],
      evidence: evidenceId === emailId ? email : str(evidenceId),
      row: assignments[o + 6],
      name,
      wecom_name: wecomNameId === nameId ? name : str(wecomNameId),
    };
  }

  const args = JSON.parse(argsJson);
  const found = new Array(findings.length / FINDING_WORDS);
  for (let i = 0, o = 0; i < found.length; i++, o += FINDING_WORDS) {
    const flags = findings[o + 1];
    found[i] = {
      code: fixed(findings[o]),
      severity: SEVERITIES[flags & 0xf],
      file: FILES[(flags >>> 4) & 0xf],
      row: flags & 0x100 ? findings[o + 2] : null,
      field: fixed(findings[o + 3]),
      value: str(findings[o + 4]),
      email: str(findings[o + 5]),
      message: str(findings[o + 6]),
      args: args[i],
    };
  }
  return { assignments: list, findings: found };
}

const MEMBER_WORDS = 6;

/**
 * `Check.members()`: the same plain objects as the JSON of the native `members()`, keys in order.
 * @param {Uint32Array} members six numbers per member (compact.rs)
 */
export function buildMembers(narrow, narrowEnds, wide, wideEnds, members) {
  const str = strings(narrow, narrowEnds, wide, wideEnds);
  const fixed = shared(str);
  const list = new Array(members.length / MEMBER_WORDS);
  for (let i = 0, o = 0; i < list.length; i++, o += MEMBER_WORDS) {
    list[i] = {
      userid: str(members[o]),
      name: str(members[o + 1]),
      row: members[o + 2],
      department: fixed(members[o + 3]),
      status: fixed(members[o + 4]),
      mailbox: str(members[o + 5]),
    };
  }
  return list;
}
