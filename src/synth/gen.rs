//! Inventing the rows: clean people first-class, each planted fault on rows made for it.

use std::collections::hash_map::Entry;

use rustc_hash::{FxHashMap, FxHashSet};

use super::names::*;
use super::rng::Rng;
use super::truth::{self, Rows};
use super::write;
use super::*;

mod faults;
mod wizard_roster;

pub(crate) const DOMAINS: [&str; 2] = ["acme-tech.cn", "acme.com.cn"];

/// Which columns the chosen layouts carry.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Avail {
    pub(crate) wechat: bool,
    pub(crate) ex_status: bool,
    pub(crate) wc_biz: bool,
    pub(crate) wc_status: bool,
}

impl Avail {
    pub(crate) fn of(spec: &CompanySpec) -> Avail {
        let h = spec.headers;
        Avail {
            wechat: spec.with_wechat_ids
                && matches!(h, HeaderStyle::Console | HeaderStyle::English),
            ex_status: h != HeaderStyle::Legacy,
            wc_biz: matches!(h, HeaderStyle::Console | HeaderStyle::English),
            wc_status: h != HeaderStyle::Legacy,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Link {
    Wechat,
    Biz,
    Email,
    Mobile,
    None,
}

struct Person {
    name: String,
    sur: usize,
    giv: usize,
}

struct Pair {
    ex: usize,
    wc: usize,
    m: u64,
    addr: String,
    p: Person,
}

struct Gen<'a> {
    spec: &'a CompanySpec,
    avail: Avail,
    rng: Rng,
    /// Taken addresses (exmail and personal) and userids, lower-cased → next number to try.
    addrs: FxHashMap<u64, u32>,
    uids: FxHashMap<u64, u32>,
    mobiles: FxHashSet<u64>,
    /// Mangled traces and invalid numbers, so no two rows share one.
    odd: FxHashSet<String>,
    /// WeChat ids by name hash (case kept: ids are case-sensitive, but never reused).
    wechats: FxHashSet<u64>,
    ex: Vec<ExmailRow>,
    wc: Vec<WecomRow>,
    ex_left: usize,
    wc_left: usize,
    addr_style: usize,
    uid_style: usize,
    extid: u32,
    pairs_made: usize,
}

/// FNV-1a over the lower-cased bytes of `parts`: names are remembered by this 64-bit hash.
/// A collision only makes a free name look taken, so the next number is used: still unique.
fn name_hash(parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for &b in *p {
            h = (h ^ b.to_ascii_lowercase() as u64).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h
}

/// `{head}{tail}`, else `{head}{sep}{n}{tail}` for n = 2, 3, …: the first one not in `taken`
/// (name hash → next number to try).
fn claim(taken: &mut FxHashMap<u64, u32>, head: &str, sep: &str, tail: &str) -> String {
    let key = name_hash(&[head.as_bytes(), tail.as_bytes()]);
    let mut n = match taken.entry(key) {
        Entry::Vacant(v) => {
            v.insert(2);
            return format!("{head}{tail}");
        }
        Entry::Occupied(o) => *o.get(),
    };
    let mut num = String::new();
    loop {
        num.clear();
        num.push_str(sep);
        num.push_str(&n.to_string());
        n += 1;
        let cand = name_hash(&[head.as_bytes(), num.as_bytes(), tail.as_bytes()]);
        if let Entry::Vacant(v) = taken.entry(cand) {
            v.insert(2);
            taken.insert(key, n);
            return format!("{head}{num}{tail}");
        }
    }
}

fn cap(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_ascii_uppercase().to_string() + c.as_str(),
        None => String::new(),
    }
}

impl Gen<'_> {
    fn take(&mut self, e: usize, w: usize) -> bool {
        if self.ex_left >= e && self.wc_left >= w {
            self.ex_left -= e;
            self.wc_left -= w;
            true
        } else {
            false
        }
    }

    fn person(&mut self) -> Person {
        let sur = self.rng.skewed(SURNAMES.len());
        let giv = self.rng.skewed(GIVEN.len());
        Person {
            name: format!("{}{}", SURNAMES[sur].0, GIVEN[giv].0),
            sur,
            giv,
        }
    }

    fn person_not_named(&mut self, name: &str) -> Person {
        loop {
            let p = self.person();
            if p.name != name {
                return p;
            }
        }
    }

    /// `base`, else `base2`, `base3`…: unique (lower-cased) among userids or addresses.
    fn unique(&mut self, base: String, sep: &str, uid: bool) -> String {
        let map = if uid { &mut self.uids } else { &mut self.addrs };
        claim(map, &base, sep, "")
    }

    fn address(&mut self, p: &Person, domain: &str) -> String {
        let (s, g) = (SURNAMES[p.sur].1, GIVEN[p.giv].1);
        let style = if self.rng.chance(0.75) {
            self.addr_style
        } else {
            self.rng.below(4)
        };
        let local = match style {
            0 => format!("{s}.{g}"),
            1 => format!("{s}{g}"),
            2 => format!("{g}.{s}"),
            _ => format!("{s}_{g}"),
        };
        self.local_at(local, domain)
    }

    /// `local@domain`, numbered on the local part when taken: zhangwei2@…
    fn local_at(&mut self, local: String, domain: &str) -> String {
        claim(&mut self.addrs, &local, "", &format!("@{domain}"))
    }

    fn domain(&mut self) -> &'static str {
        if self.rng.chance(0.12) {
            DOMAINS[1]
        } else {
            DOMAINS[0]
        }
    }

    fn userid(&mut self, p: &Person) -> String {
        let (s, g) = (SURNAMES[p.sur].1, GIVEN[p.giv].1);
        let base = match self.uid_style {
            0 => format!("{}{}", cap(s), cap(g)),
            1 => format!("{s}{g}"),
            _ => format!("{s}.{g}"),
        };
        self.unique(base, "", true)
    }

    fn fresh_mobile(&mut self) -> u64 {
        loop {
            let mut s = String::with_capacity(11);
            let prefix = MOBILE_PREFIXES[self.rng.below(MOBILE_PREFIXES.len())];
            s.push_str(prefix);
            self.rng.digits(&mut s, 8);
            let n: u64 = s.parse().expect("digits");
            if !n.is_multiple_of(100_000) && self.mobiles.insert(n) {
                return n;
            }
        }
    }

    /// A number whose mangled trace no other row has (None when traces run out).
    fn manglable_mobile(&mut self) -> Option<u64> {
        for _ in 0..200 {
            let n = self.fresh_mobile();
            let trace = ((n + 50_000) / 100_000 * 100_000).to_string();
            if self.odd.insert(trace) {
                return Some(n);
            }
        }
        None
    }

    fn fmt_mobile(&mut self, n: u64) -> String {
        let s = n.to_string();
        let (a, b, c) = (&s[..3], &s[3..7], &s[7..]);
        match self.rng.below(100) {
            0..=61 => s,
            62..=71 => format!("+86 {s}"),
            72..=79 => format!("{a} {b} {c}"),
            80..=85 => format!("0086-{a}-{b}-{c}"),
            86..=91 => format!("{a}-{b}-{c}"),
            92..=95 => format!("+86-{s}"),
            _ => s
                .chars()
                .map(|d| char::from_u32('０' as u32 + (d as u32 - '0' as u32)).unwrap())
                .collect(),
        }
    }

    fn wechat(&mut self, p: &Person) -> String {
        let (s, g) = (SURNAMES[p.sur].1, GIVEN[p.giv].1);
        loop {
            let mut w = String::new();
            match self.rng.below(6) {
                0..=2 => {
                    w.push_str("wxid_");
                    for _ in 0..14 {
                        let c = b"abcdefghijklmnopqrstuvwxyz0123456789"[self.rng.below(36)];
                        w.push(c as char);
                    }
                }
                3 => {
                    w = format!("{s}{g}_");
                    self.rng.digits(&mut w, 2);
                }
                4 => {
                    w = format!("{g}{s}");
                    self.rng.digits(&mut w, 4);
                }
                _ => w = format!("{s}_{g}{}", 80 + self.rng.below(20)),
            }
            if self.wechats.insert(name_hash(&[w.as_bytes()])) {
                return w;
            }
        }
    }

    fn personal_email(&mut self, p: &Person) -> String {
        let (s, g) = (SURNAMES[p.sur].1, GIVEN[p.giv].1);
        loop {
            let mut local = String::new();
            let domain = if self.rng.chance(0.4) {
                local.push((b'1' + self.rng.below(9) as u8) as char);
                let k = 7 + self.rng.below(3);
                self.rng.digits(&mut local, k);
                "qq.com"
            } else {
                local.push_str(s);
                local.push_str(g);
                let k = 2 + self.rng.below(3);
                self.rng.digits(&mut local, k);
                *self.rng.pick(FREE_MAIL)
            };
            let full = format!("{local}@{domain}");
            if let Entry::Vacant(v) = self.addrs.entry(name_hash(&[full.as_bytes()])) {
                v.insert(2);
                return full;
            }
        }
    }

    fn dept(&mut self) -> &'static str {
        DEPARTMENTS[self.rng.skewed(DEPARTMENTS.len())]
    }

    fn push_ex(&mut self, address: String, name: &str, department: &'static str) -> usize {
        self.extid += 1;
        let row = ExmailRow {
            address,
            name: name.to_string(),
            department,
            enabled: true,
            extid: if self.spec.headers == HeaderStyle::Legacy {
                format!("A{:06}", self.extid)
            } else {
                String::new()
            },
            position: POSITIONS[self.rng.below(POSITIONS.len())],
            gender: 1 + self.rng.below(2) as u8,
            ..Default::default()
        };
        self.ex.push(row);
        self.ex.len() - 1
    }

    fn push_wc(&mut self, userid: String, name: &str, department: &'static str) -> usize {
        let row = WecomRow {
            userid,
            name: name.to_string(),
            department,
            status: 1,
            position: POSITIONS[self.rng.below(POSITIONS.len())],
            gender: 1 + self.rng.below(2) as u8,
            ..Default::default()
        };
        self.wc.push(row);
        self.wc.len() - 1
    }

    fn links(&self) -> Vec<Link> {
        let mut v = Vec::new();
        if self.avail.wechat {
            v.push(Link::Wechat);
        }
        if self.avail.wc_biz {
            v.push(Link::Biz);
        }
        v.extend([Link::Email, Link::Mobile]);
        v
    }

    /// A clean pair's link: the first pairs cycle through every kind, then by weight.
    fn choose_link(&mut self) -> Link {
        let k = self.pairs_made;
        self.pairs_made += 1;
        if k < 6 {
            let mut cycle = self.links();
            cycle.push(Link::None);
            if k < cycle.len() {
                return cycle[k];
            }
        }
        if self.avail.wechat && self.rng.chance(self.spec.wechat_share) {
            return Link::Wechat;
        }
        let biz = if self.avail.wc_biz { 0.45 } else { 0.0 };
        let x = self.rng.below(1000) as f64 / 1000.0 * (biz + 0.55);
        if x < biz {
            Link::Biz
        } else if x < biz + 0.15 {
            Link::Email
        } else if x < biz + 0.45 {
            Link::Mobile
        } else {
            Link::None
        }
    }

    /// A person with an exmail account and a WeCom member, linked by `link` (and possibly by
    /// later keys of the cascade, never by earlier ones).
    fn pair(&mut self, link: Link, mobile: Option<u64>) -> Pair {
        let p = self.person();
        let domain = self.domain();
        let addr = self.address(&p, domain);
        let uid = self.userid(&p);
        let dept = self.dept();
        let wdept = if self.rng.chance(0.9) {
            dept
        } else {
            self.dept()
        };
        let m = mobile.unwrap_or_else(|| self.fresh_mobile());
        let ex = self.push_ex(addr.clone(), &p.name, dept);
        let wc = self.push_wc(uid, &p.name, wdept);
        // A member who is not activated yet is a fault once given a mailbox (`member-inactive`):
        // planted by `member_inactive`, never by chance here.
        let _ = self.rng.chance(0.04); // keeps the random stream (and every company) as before
        if link == Link::Wechat {
            let w = self.wechat(&p);
            self.ex[ex].wechat_id = if self.rng.chance(0.05) {
                format!("{w} ")
            } else {
                w.clone()
            };
            self.wc[wc].wechat_id = w;
        } else if self.avail.wechat && self.rng.chance(self.spec.wechat_share * 0.3) {
            // Bound on one side only: no link.
            let w = self.wechat(&p);
            if self.rng.chance(0.5) {
                self.ex[ex].wechat_id = w;
            } else {
                self.wc[wc].wechat_id = w;
            }
        }
        // With aliases, the WeCom address that makes the link is sometimes one of them.
        let aliases = self.give_aliases(ex, &p, &addr, 0.2);
        let via_alias = |g: &mut Self| -> Option<String> {
            (!aliases.is_empty() && g.rng.chance(0.5))
                .then(|| aliases[g.rng.below(aliases.len())].clone())
        };
        if link == Link::Biz || (link < Link::Biz && self.avail.wc_biz && self.rng.chance(0.5)) {
            self.wc[wc].biz_mail = match via_alias(self).filter(|_| link == Link::Biz) {
                Some(alias) => alias,
                None if self.rng.chance(0.1) => cap(&addr),
                None => addr.clone(),
            };
        }
        if link == Link::Email || (link < Link::Email && self.rng.chance(0.15)) {
            self.wc[wc].email = match via_alias(self).filter(|_| link == Link::Email) {
                Some(alias) => alias,
                None => addr.clone(),
            };
        } else if self.rng.chance(0.35) {
            self.wc[wc].email = self.personal_email(&p);
        }
        if link == Link::Mobile || self.rng.chance(0.97) {
            self.wc[wc].mobile = self.fmt_mobile(m);
        }
        if link == Link::Mobile || (link < Link::Mobile && self.rng.chance(0.6)) {
            self.ex[ex].mobile = self.fmt_mobile(m);
        } else if self.rng.chance(0.4) {
            // A number the other side does not know.
            let m2 = self.fresh_mobile();
            self.ex[ex].mobile = self.fmt_mobile(m2);
        }
        Pair { ex, wc, m, addr, p }
    }

    /// With `spec.aliases`, on a share of accounts: up to three aliases on the address's domain,
    /// written into the 别名 cell with one of the separators people use. Draws nothing from the
    /// random stream without `spec.aliases`, so such companies are as before.
    fn give_aliases(&mut self, ex: usize, p: &Person, addr: &str, share: f64) -> Vec<String> {
        if !self.spec.aliases || !self.rng.chance(share) {
            return Vec::new();
        }
        let domain = addr
            .rsplit_once('@')
            .map_or(DOMAINS[0], |(_, d)| d)
            .to_string();
        let (s, g) = (SURNAMES[p.sur].1, GIVEN[p.giv].1);
        let n = 1 + self.rng.below(3);
        let aliases: Vec<String> = (0..n)
            .map(|k| {
                let local = match k {
                    0 => format!("{s}{}", &g[..1]),
                    1 => format!("{g}{s}"),
                    _ => format!("{s}.{g}.mail"),
                };
                self.local_at(local, &domain)
            })
            .collect();
        self.set_aliases(ex, &aliases);
        aliases
    }

    /// Writes `aliases` into row `ex`'s 别名 cell, joined as people join them.
    fn set_aliases(&mut self, ex: usize, aliases: &[String]) {
        let sep = *self.rng.pick(&["; ", ",", "，", " ", ";"]);
        self.ex[ex].aliases = aliases.join(sep);
    }

    fn ex_only(&mut self, mobile_share: f64) -> usize {
        let p = self.person();
        let domain = self.domain();
        let addr = self.address(&p, domain);
        let dept = self.dept();
        let i = self.push_ex(addr, &p.name, dept);
        if self.rng.chance(mobile_share) {
            let m = self.fresh_mobile();
            self.ex[i].mobile = self.fmt_mobile(m);
        }
        i
    }

    fn wc_only(&mut self, p: &Person) -> usize {
        let uid = self.userid(p);
        let dept = self.dept();
        let j = self.push_wc(uid, &p.name, dept);
        let m = self.fresh_mobile();
        self.wc[j].mobile = self.fmt_mobile(m);
        j
    }

    fn first_non_mobile_link(&self, i: usize) -> Link {
        let v: Vec<Link> = self
            .links()
            .into_iter()
            .filter(|&l| l != Link::Mobile)
            .collect();
        v[i % v.len()]
    }

    fn address_link(&self) -> Link {
        if self.avail.wc_biz {
            Link::Biz
        } else {
            Link::Email
        }
    }

    // ---- the clean rest ----

    fn fill(&mut self) {
        let e = self.ex_left;
        let w = self.wc_left;
        let public = if e >= 12 {
            (e / 50).max(3)
        } else {
            usize::from(e >= 4)
        };
        let partners = if e >= 20 { (e * 4 / 100).max(1) } else { 0 };
        let mut ex_only = e * 3 / 100;
        let rest = e - public - partners - ex_only;
        let pairs = rest.min(w - w.div_ceil(16));
        ex_only += rest - pairs;
        let wc_only = w - pairs;
        for _ in 0..pairs {
            let link = self.choose_link();
            self.pair(link, None);
        }
        for k in 0..public {
            let (local, name) = PUBLIC[k % PUBLIC.len()];
            let addr = self.local_at(local.to_string(), DOMAINS[0]);
            self.push_ex(addr, name, "");
        }
        for _ in 0..partners {
            let p = self.person();
            let addr = self.local_at(format!("partner.{}", SURNAMES[p.sur].1), DOMAINS[0]);
            let i = self.push_ex(addr, &format!("合作方-{}", SURNAMES[p.sur].0), "外部合作");
            if self.rng.chance(0.4) {
                let m = self.fresh_mobile();
                self.ex[i].mobile = self.fmt_mobile(m);
            }
        }
        for _ in 0..ex_only {
            let i = self.ex_only(0.5);
            if self.avail.wechat && self.rng.chance(0.3) {
                let p = self.person();
                self.ex[i].wechat_id = self.wechat(&p);
            }
        }
        for _ in 0..wc_only {
            let p = self.person();
            let j = self.wc_only(&p);
            if self.rng.chance(0.3) {
                self.wc[j].email = self.personal_email(&p);
            }
            if self.avail.wechat && self.rng.chance(0.4) {
                self.wc[j].wechat_id = self.wechat(&p);
            }
            self.wc[j].status = match self.rng.below(20) {
                0 => 2,
                1 => 4,
                2 => 5,
                _ => 1,
            };
        }
        self.ex_left = 0;
        self.wc_left = 0;
    }
}

/// How many rows each fault kind gets.
pub(crate) fn per_kind(spec: &CompanySpec) -> usize {
    if spec.fault_rate <= 0.0 {
        0
    } else {
        ((spec.fault_rate.min(1.0) * spec.accounts as f64 / 50.0).round() as usize).max(1)
    }
}

pub(crate) fn generate(spec: &CompanySpec) -> Company {
    let avail = Avail::of(spec);
    let mut rng = Rng::new(spec.seed);
    let addr_style = rng.below(3);
    let uid_style = rng.below(3);
    let mut g = Gen {
        spec,
        avail,
        rng,
        addrs: FxHashMap::with_capacity_and_hasher(2 * spec.accounts, Default::default()),
        uids: FxHashMap::with_capacity_and_hasher(spec.members, Default::default()),
        mobiles: FxHashSet::with_capacity_and_hasher(2 * spec.accounts, Default::default()),
        odd: FxHashSet::default(),
        wechats: FxHashSet::with_capacity_and_hasher(spec.accounts, Default::default()),
        ex: Vec::with_capacity(spec.accounts),
        wc: Vec::with_capacity(spec.members),
        ex_left: spec.accounts,
        wc_left: spec.members,
        addr_style,
        uid_style,
        extid: 0,
        pairs_made: 0,
    };
    // Round robin, so a small company still gets one of each.
    let n = per_kind(spec);
    for i in 0..n {
        g.mangled(i);
        g.mobile_invalid(i);
        g.email_invalid(i);
        g.email_duplicate(i);
        g.userid_duplicate(i);
        g.userid_invalid(i);
        g.ambiguous(i);
        g.mobile_duplicate(i);
        g.name_mismatch(i);
        g.member_inactive(i);
        g.foreign_domain(i);
        g.disabled(i);
        if spec.aliases {
            g.alias_collision(i);
        }
    }
    if n > 0 {
        // Both faces of a mangled mobile, even in a small company.
        g.mangled(1);
    }
    g.fill();
    let mut rng = g.rng;
    let (mut ex, mut wc) = (g.ex, g.wc);
    rng.shuffle(&mut ex);
    rng.shuffle(&mut wc);
    // Keep only what the layouts can carry, so the truth is about the files as written.
    for r in &mut ex {
        if !avail.wechat {
            r.wechat_id.clear();
        }
        if !avail.ex_status {
            r.enabled = true;
        }
    }
    for r in &mut wc {
        if !avail.wechat {
            r.wechat_id.clear();
        }
        if !avail.wc_biz {
            r.biz_mail.clear();
        }
        if !avail.wc_status {
            r.status = 1;
        } else if spec.headers == HeaderStyle::Api {
            // 禁用 0/1 is all the batch CSV says.
            r.status = if matches!(r.status, 2 | 5) { 2 } else { 1 };
        }
    }
    let rows = Rows {
        ex_header: 1,
        wc_header: match spec.headers {
            HeaderStyle::Export => 9,
            _ if spec.instruction_rows => 3,
            _ => 1,
        },
    };
    let domains: Vec<String> = DOMAINS.iter().map(|d| d.to_string()).collect();
    let keys = truth::Keys::new(&ex, &wc, false);
    let index = truth::Index::new(&keys);
    let resolved = truth::resolve_indexed(&keys, &index);
    let mut faults = truth::faults(
        &ex,
        &wc,
        &keys,
        &index,
        &resolved,
        &domains,
        &rows,
        |on| write::ex_status_text(spec.headers, on),
        |s| write::wc_status_text(spec.headers, s),
    );
    if spec.path_new {
        faults.extend(truth::role_faults(&keys, &resolved, &rows));
    }
    let (roster, accounts) = wizard_roster::roster(
        spec,
        &ex,
        &wc,
        &resolved,
        &keys,
        &rows,
        &mut rng,
        &mut faults,
    );
    let file_order = |f: &str| match f {
        "exmail" => 0,
        "wecom" => 1,
        _ => 2,
    };
    faults.sort_by(|a, b| {
        (file_order(a.file), a.row, a.code).cmp(&(file_order(b.file), b.row, b.code))
    });
    Company {
        spec: spec.clone(),
        exmail: ex,
        wecom: wc,
        roster,
        truth: Truth {
            domains,
            exmail_header_row: rows.ex_header,
            wecom_header_row: rows.wc_header,
            accounts,
            faults,
        },
    }
}
