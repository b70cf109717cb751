//! The planted faults: each kind on rows made for it, so its reading is unambiguous.

use super::super::names::*;
use super::{cap, Gen, Link, DOMAINS};

impl Gen<'_> {
    pub(super) fn mangled(&mut self, i: usize) -> bool {
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

    pub(super) fn mobile_invalid(&mut self, i: usize) -> bool {
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

    pub(super) fn email_invalid(&mut self, i: usize) -> bool {
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

    pub(super) fn email_duplicate(&mut self, i: usize) -> bool {
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
        dup.department = self.dept();
        self.ex.push(dup);
        true
    }

    pub(super) fn userid_duplicate(&mut self, _i: usize) -> bool {
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

    pub(super) fn userid_invalid(&mut self, i: usize) -> bool {
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

    pub(super) fn ambiguous(&mut self, i: usize) -> bool {
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
                let dept = self.ex[pr.ex].department;
                let local = pr.addr.split('@').next().unwrap_or("x").to_string();
                let second = self.local_at(local, DOMAINS[1]);
                let k = self.push_ex(second, &name, dept);
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

    pub(super) fn mobile_duplicate(&mut self, i: usize) -> bool {
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

    pub(super) fn name_mismatch(&mut self, i: usize) -> bool {
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

    pub(super) fn member_inactive(&mut self, i: usize) -> bool {
        if !self.avail.wc_status || !self.take(1, 1) {
            return false;
        }
        let links = self.links();
        let pr = self.pair(links[i % links.len()], None);
        self.wc[pr.wc].status = match i % 3 {
            0 => 5,
            1 => 2,
            _ => 4,
        };
        true
    }

    pub(super) fn foreign_domain(&mut self, i: usize) -> bool {
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

    /// `alias-collision`, on two accounts of their own: an alias that is the other account's
    /// address, or one alias on both.
    pub(super) fn alias_collision(&mut self, i: usize) -> bool {
        if !self.take(2, 0) {
            return false;
        }
        let (p, q) = (self.person(), self.person());
        let (da, db) = (self.domain(), self.domain());
        let (a, b) = (self.address(&p, da), self.address(&q, db));
        let dept = self.dept();
        let first = self.push_ex(a.clone(), &p.name, dept);
        let second = self.push_ex(b, &q.name, dept);
        if i.is_multiple_of(2) {
            self.set_aliases(second, &[a]);
        } else {
            let shared = self.local_at(format!("team.{}", SURNAMES[p.sur].1), DOMAINS[0]);
            self.set_aliases(first, std::slice::from_ref(&shared));
            self.set_aliases(second, &[shared]);
        }
        true
    }

    pub(super) fn disabled(&mut self, i: usize) -> bool {
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
}
