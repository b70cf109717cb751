//! Inventing the rows: clean people first-class, each planted fault on rows made for it.

use rustc_hash::{FxHashMap, FxHashSet};

use super::names::*;
use super::rng::Rng;
use super::truth::{self, Resolved, Rows};
use super::write;
use super::*;

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
    addrs: FxHashSet<String>,
    uids: FxHashSet<String>,
    mobiles: FxHashSet<u64>,
    /// Mangled traces and invalid numbers, so no two rows share one.
    odd: FxHashSet<String>,
    wechats: FxHashSet<String>,
    next_suffix: FxHashMap<String, u32>,
    ex: Vec<ExmailRow>,
    wc: Vec<WecomRow>,
    ex_left: usize,
    wc_left: usize,
    addr_style: usize,
    uid_style: usize,
    extid: u32,
    pairs_made: usize,
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

    /// `base`, else `base2`, `base3`…: unique in `set` (compared lower-cased).
    fn unique(&mut self, base: String, sep: &str, uid: bool) -> String {
        let key = base.to_lowercase();
        let set = if uid { &self.uids } else { &self.addrs };
        if !set.contains(&key) && !self.next_suffix.contains_key(&key) {
            self.next_suffix.insert(key.clone(), 2);
            let set = if uid { &mut self.uids } else { &mut self.addrs };
            set.insert(key);
            return base;
        }
        let n = self.next_suffix.entry(key.clone()).or_insert(2);
        loop {
            let cand = format!("{base}{sep}{n}");
            *n += 1;
            let set = if uid { &mut self.uids } else { &mut self.addrs };
            if set.insert(cand.to_lowercase()) {
                return cand;
            }
        }
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

    fn local_at(&mut self, local: String, domain: &str) -> String {
        // Numbering goes on the local part: zhangwei2@…
        let full = format!("{local}@{domain}");
        let key = full.to_lowercase();
        if !self.addrs.contains(&key) && !self.next_suffix.contains_key(&key) {
            self.next_suffix.insert(key.clone(), 2);
            self.addrs.insert(key);
            return full;
        }
        let n = self.next_suffix.entry(key).or_insert(2);
        loop {
            let cand = format!("{local}{n}@{domain}");
            *n += 1;
            if self.addrs.insert(cand.to_lowercase()) {
                return cand;
            }
        }
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
            if self.wechats.insert(w.clone()) {
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
            if self.addrs.insert(full.clone()) {
                return full;
            }
        }
    }

    fn dept(&mut self) -> &'static str {
        DEPARTMENTS[self.rng.skewed(DEPARTMENTS.len())]
    }

    fn push_ex(&mut self, address: String, name: &str, department: &str) -> usize {
        self.extid += 1;
        let row = ExmailRow {
            address,
            name: name.to_string(),
            department: department.to_string(),
            enabled: true,
            extid: format!("A{:06}", self.extid),
            position: self.rng.pick(POSITIONS).to_string(),
            gender: 1 + self.rng.below(2) as u8,
            ..Default::default()
        };
        self.ex.push(row);
        self.ex.len() - 1
    }

    fn push_wc(&mut self, userid: String, name: &str, department: &str) -> usize {
        let row = WecomRow {
            userid,
            name: name.to_string(),
            department: department.to_string(),
            status: 1,
            position: self.rng.pick(POSITIONS).to_string(),
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
        let mut cycle = self.links();
        cycle.push(Link::None);
        let k = self.pairs_made;
        self.pairs_made += 1;
        if k < cycle.len() {
            return cycle[k];
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
        if self.rng.chance(0.04) {
            self.wc[wc].status = 4;
        }
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
        if link == Link::Biz || (link < Link::Biz && self.avail.wc_biz && self.rng.chance(0.5)) {
            self.wc[wc].biz_mail = if self.rng.chance(0.1) {
                cap(&addr)
            } else {
                addr.clone()
            };
        }
        if link == Link::Email || (link < Link::Email && self.rng.chance(0.15)) {
            self.wc[wc].email = addr.clone();
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

    // ---- planted faults: each on rows of its own ----

    fn mangled(&mut self, i: usize) -> bool {
        let Some(m) = self.manglable_mobile() else {
            return false;
        };
        if !self.take(1, 1) {
            return false;
        }
        let trace = (m + 50_000) / 100_000;
        let text = if i.is_multiple_of(2) {
            let s = trace.to_string();
            let rest = s[1..].trim_end_matches('0');
            if rest.is_empty() {
                format!("{}E+10", &s[..1])
            } else {
                format!("{}.{rest}E+10", &s[..1])
            }
        } else {
            (trace * 100_000).to_string()
        };
        match i % 3 {
            // The only key destroyed: the pair falls apart.
            0 => {
                let p = self.pair(Link::Mobile, Some(m));
                self.ex[p.ex].mobile = text;
            }
            1 => {
                let p = self.pair(Link::Mobile, Some(m));
                self.wc[p.wc].mobile = text;
            }
            _ => {
                let link = self.first_non_mobile_link(i);
                let p = self.pair(link, Some(m));
                self.ex[p.ex].mobile = text;
            }
        }
        true
    }

    fn mobile_invalid(&mut self, i: usize) -> bool {
        if !self.take(1, 1) {
            return false;
        }
        let text = loop {
            let s = self.fresh_mobile().to_string();
            let t = match (i / 2) % 4 {
                0 => s[..10].to_string(),
                1 => format!("{s}{}", self.rng.below(10)),
                2 => format!("12{}", &s[2..]),
                _ => format!("{}-{}-{}", &s[..3], &s[3..7], &s[7..10]),
            };
            if self
                .odd
                .insert(t.chars().filter(char::is_ascii_digit).collect())
            {
                break t;
            }
        };
        let link = self.first_non_mobile_link(i);
        let p = self.pair(link, None);
        if i.is_multiple_of(2) {
            self.ex[p.ex].mobile = text;
        } else {
            self.wc[p.wc].mobile = text;
        }
        true
    }

    fn email_invalid(&mut self, i: usize) -> bool {
        if !self.take(1, 0) {
            return false;
        }
        let p = self.person();
        let (s, g) = (SURNAMES[p.sur].1, GIVEN[p.giv].1);
        let d = DOMAINS[0];
        let addr = match i % 4 {
            0 => self.local_at(format!("{s}..{g}"), d),
            1 => self.local_at(format!("-{s}"), d),
            2 => self.local_at(format!("{s}{g}_"), d),
            _ => self.unique(format!("{s}{g}.{d}"), "", false),
        };
        let dept = self.dept();
        self.push_ex(addr, &p.name, dept);
        true
    }

    fn email_duplicate(&mut self, i: usize) -> bool {
        if !self.take(2, 0) {
            return false;
        }
        let i0 = if i.is_multiple_of(2) {
            let (local, name) = PUBLIC[self.rng.below(PUBLIC.len())];
            let addr = self.local_at(local.to_string(), DOMAINS[0]);
            self.push_ex(addr, name, "")
        } else {
            self.ex_only(0.0)
        };
        let mut dup = self.ex[i0].clone();
        dup.address = cap(&dup.address);
        dup.department = self.dept().to_string();
        self.ex.push(dup);
        true
    }

    fn userid_duplicate(&mut self, _i: usize) -> bool {
        if !self.take(0, 2) {
            return false;
        }
        let p = self.person();
        let j = self.wc_only(&p);
        let uid = self.wc[j].userid.clone();
        let other = if uid.chars().any(|c| c.is_ascii_uppercase()) {
            uid.to_lowercase()
        } else {
            cap(&uid)
        };
        let j2 = self.wc_only(&p);
        self.wc[j2].userid = other;
        true
    }

    fn userid_invalid(&mut self, i: usize) -> bool {
        if !self.take(0, 1) {
            return false;
        }
        let p = self.person();
        let (s, g) = (SURNAMES[p.sur].1, GIVEN[p.giv].1);
        let base = match i % 5 {
            0 => p.name.clone(),
            1 => format!("_{s}{g}"),
            2 => format!("{s} {g}"),
            3 => format!("-{s}{g}"),
            _ => format!("{s}#{g}"),
        };
        let uid = self.unique(base, "", true);
        let j = self.wc_only(&p);
        self.wc[j].userid = uid;
        true
    }

    fn ambiguous(&mut self, i: usize) -> bool {
        let variants: &[u8] = if self.avail.wechat { &[0, 1, 2] } else { &[2] };
        match variants[i % variants.len()] {
            // One person, two mailboxes, one WeChat: the address key still links the first.
            0 => {
                if !self.take(2, 1) {
                    return false;
                }
                let link = self.address_link();
                let pr = self.pair(link, None);
                let w = self.wechat(&pr.p);
                self.ex[pr.ex].wechat_id = w.clone();
                self.wc[pr.wc].wechat_id = w.clone();
                let name = self.ex[pr.ex].name.clone();
                let dept = self.ex[pr.ex].department.clone();
                let local = pr.addr.split('@').next().unwrap_or("x").to_string();
                let second = self.local_at(local, DOMAINS[1]);
                let k = self.push_ex(second, &name, &dept);
                self.ex[k].wechat_id = w;
            }
            // Two members bound to one WeChat: the mobile decides.
            1 => {
                if !self.take(1, 2) {
                    return false;
                }
                let pr = self.pair(Link::Mobile, None);
                let q = self.person();
                let w = self.wechat(&q);
                self.ex[pr.ex].wechat_id = w.clone();
                self.wc[pr.wc].wechat_id = w.clone();
                let j = self.wc_only(&q);
                self.wc[j].wechat_id = w;
            }
            // Two members carry the same address: the mobile decides.
            _ => {
                if !self.take(1, 2) {
                    return false;
                }
                let pr = self.pair(Link::Mobile, None);
                let q = self.person();
                let j = self.wc_only(&q);
                if self.avail.wc_biz {
                    self.wc[pr.wc].biz_mail = pr.addr.clone();
                    self.wc[pr.wc].email.clear();
                    self.wc[j].biz_mail = cap(&pr.addr);
                } else {
                    self.wc[pr.wc].email = pr.addr.clone();
                    self.wc[j].email = cap(&pr.addr);
                }
            }
        }
        true
    }

    fn mobile_duplicate(&mut self, i: usize) -> bool {
        if i.is_multiple_of(2) {
            // Two accounts, different people, one phone: the pair's only key is shared.
            if !self.take(2, 1) {
                return false;
            }
            let pr = self.pair(Link::Mobile, None);
            let name = self.ex[pr.ex].name.clone();
            let q = self.person_not_named(&name);
            let domain = self.domain();
            let addr = self.address(&q, domain);
            let dept = self.dept();
            let k = self.push_ex(addr, &q.name, dept);
            self.ex[k].mobile = self.fmt_mobile(pr.m);
        } else {
            if !self.take(1, 2) {
                return false;
            }
            let link = self.address_link();
            let pr = self.pair(link, None);
            self.ex[pr.ex].mobile = self.fmt_mobile(pr.m);
            self.wc[pr.wc].mobile = self.fmt_mobile(pr.m);
            let name = self.wc[pr.wc].name.clone();
            let q = self.person_not_named(&name);
            let j = self.wc_only(&q);
            self.wc[j].mobile = self.fmt_mobile(pr.m);
        }
        true
    }

    fn name_mismatch(&mut self, i: usize) -> bool {
        if !self.take(1, 1) {
            return false;
        }
        let links = self.links();
        let pr = self.pair(links[i % links.len()], None);
        let name = self.wc[pr.wc].name.clone();
        let sur = SURNAMES
            .iter()
            .find(|s| name.starts_with(s.0))
            .unwrap_or(&SURNAMES[0]);
        let given = &name[sur.0.len()..];
        let homophone = HOMOPHONES.iter().find(|h| h.0 == given);
        self.wc[pr.wc].name = match homophone {
            Some(h) if i.is_multiple_of(2) => format!("{}{}", sur.0, h.1),
            _ => format!("{} {}", self.rng.pick(ENGLISH), cap(sur.1)),
        };
        true
    }

    fn member_inactive(&mut self, i: usize) -> bool {
        if !self.avail.wc_status || !self.take(1, 1) {
            return false;
        }
        let links = self.links();
        let pr = self.pair(links[i % links.len()], None);
        self.wc[pr.wc].status = if i.is_multiple_of(2) { 5 } else { 2 };
        true
    }

    fn foreign_domain(&mut self, i: usize) -> bool {
        if !self.take(1, 0) {
            return false;
        }
        let p = self.person();
        let domain = if i % 3 == 2 {
            "acme-tech.com"
        } else {
            self.rng.pick(FREE_MAIL)
        };
        let addr = self.address(&p, domain);
        let dept = self.dept();
        self.push_ex(addr, &p.name, dept);
        true
    }

    fn disabled(&mut self, i: usize) -> bool {
        if !self.avail.ex_status {
            return false;
        }
        if i.is_multiple_of(2) {
            if !self.take(1, 0) {
                return false;
            }
            let k = self.ex_only(0.3);
            self.ex[k].enabled = false;
        } else {
            if !self.take(1, 1) {
                return false;
            }
            let links = self.links();
            let pr = self.pair(links[i % links.len()], None);
            self.ex[pr.ex].enabled = false;
        }
        true
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
        addrs: FxHashSet::default(),
        uids: FxHashSet::default(),
        mobiles: FxHashSet::default(),
        odd: FxHashSet::default(),
        wechats: FxHashSet::default(),
        next_suffix: FxHashMap::default(),
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
        wc_header: if spec.instruction_rows { 3 } else { 1 },
    };
    let domains: Vec<String> = DOMAINS.iter().map(|d| d.to_string()).collect();
    let resolved = truth::resolve(&ex, &wc, false, false);
    let mut faults = truth::faults(
        &ex,
        &wc,
        &resolved,
        &domains,
        &rows,
        |on| write::ex_status_text(spec.headers, on),
        |s| write::wc_status_text(spec.headers, s),
    );
    let (roster, accounts) = roster(spec, &ex, &wc, &resolved, &rows, &mut rng, &mut faults);
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

/// The wizard's own roster (its WeChat matches, everything else 其他邮箱), with planted
/// disagreements; and the truth per account.
fn roster(
    spec: &CompanySpec,
    ex: &[ExmailRow],
    wc: &[WecomRow],
    resolved: &[Resolved],
    rows: &Rows,
    rng: &mut Rng,
    faults: &mut Vec<TruthFault>,
) -> (Vec<RosterRow>, Vec<TruthAccount>) {
    let mut roster: Vec<RosterRow> = resolved
        .iter()
        .map(|a| {
            let by_wechat = matches!(a.hit, Some((_, 0)));
            RosterRow {
                address: ex[a.first].address.trim().to_string(),
                name: ex[a.first].name.clone(),
                member: by_wechat,
                userid: a
                    .hit
                    .filter(|_| by_wechat)
                    .map(|(j, _)| wc[j].userid.clone())
                    .unwrap_or_default(),
            }
        })
        .collect();
    let mut planted = vec![false; roster.len()];
    let n = if roster.is_empty() || wc.is_empty() {
        0
    } else {
        per_kind(spec)
    };
    for i in 0..n {
        for _ in 0..50 {
            let k = rng.below(roster.len());
            let a = &resolved[k];
            if planted[k] {
                continue;
            }
            let j = rng.below(wc.len());
            let uid = &wc[j].userid;
            if !truth::userid_valid(uid) || a.hit.map(|h| h.0) == Some(j) {
                continue;
            }
            let ok = match (i % 3, a.hit) {
                // The admin hand-picked a member for a mailbox the keys leave alone.
                (0, None) => {
                    roster[k].member = true;
                    roster[k].userid = uid.clone();
                    true
                }
                // Unticked a WeChat match.
                (1, Some((_, 0))) => {
                    roster[k].member = false;
                    roster[k].userid.clear();
                    true
                }
                // Picked the wrong member (often a namesake).
                (2, Some(_)) => {
                    roster[k].member = true;
                    roster[k].userid = uid.clone();
                    true
                }
                _ => false,
            };
            if ok {
                planted[k] = true;
                break;
            }
        }
    }
    let mut accounts = Vec::with_capacity(resolved.len());
    for (k, a) in resolved.iter().enumerate() {
        let r = &roster[k];
        let userid = a.hit.map(|(j, _)| wc[j].userid.clone());
        let agrees =
            r.member == a.hit.is_some() && (!r.member || Some(&r.userid) == userid.as_ref());
        if !agrees {
            let (field, value) = if r.member && a.hit.is_some() {
                ("userid", r.userid.clone())
            } else {
                ("type", write::roster_type(r.member).to_string())
            };
            faults.push(TruthFault {
                code: "roster-disagrees",
                file: "roster",
                row: k as u32 + 2,
                field,
                value,
                email: Some(a.email.clone()),
                related: vec![Place {
                    file: "exmail",
                    row: rows.ex(a.first),
                }],
                planted: planted[k],
            });
        }
        accounts.push(TruthAccount {
            email: a.email.clone(),
            row: rows.ex(a.first),
            name: ex[a.first].name.clone(),
            kind: if a.hit.is_some() { "member" } else { "other" },
            userid,
            matched_by: a.hit.map(|(_, key)| truth::KEYS[key]),
            wecom_row: a.hit.map(|(j, _)| rows.wc(j)),
            roster_type: if r.member { "member" } else { "other" },
            roster_userid: Some(r.userid.clone()).filter(|u| !u.is_empty()),
        });
    }
    (roster, accounts)
}
