//! Word lists: invented people from common Chinese surnames and given names (commonest first,
//! so homonyms such as several 张伟 appear), departments, public mailboxes.

#[rustfmt::skip]
pub(crate) const SURNAMES: &[(&str, &str)] = &[
    ("王", "wang"), ("李", "li"), ("张", "zhang"), ("刘", "liu"), ("陈", "chen"),
    ("杨", "yang"), ("黄", "huang"), ("赵", "zhao"), ("吴", "wu"), ("周", "zhou"),
    ("徐", "xu"), ("孙", "sun"), ("马", "ma"), ("朱", "zhu"), ("胡", "hu"),
    ("郭", "guo"), ("何", "he"), ("高", "gao"), ("林", "lin"), ("罗", "luo"),
    ("郑", "zheng"), ("梁", "liang"), ("谢", "xie"), ("宋", "song"), ("唐", "tang"),
    ("许", "xu"), ("韩", "han"), ("冯", "feng"), ("邓", "deng"), ("曹", "cao"),
    ("彭", "peng"), ("曾", "zeng"), ("肖", "xiao"), ("田", "tian"), ("董", "dong"),
    ("袁", "yuan"), ("潘", "pan"), ("于", "yu"), ("蒋", "jiang"), ("蔡", "cai"),
    ("余", "yu"), ("杜", "du"), ("叶", "ye"), ("程", "cheng"), ("苏", "su"),
    ("魏", "wei"), ("吕", "lv"), ("丁", "ding"), ("任", "ren"), ("沈", "shen"),
    ("姚", "yao"), ("卢", "lu"), ("姜", "jiang"), ("崔", "cui"), ("钟", "zhong"),
    ("谭", "tan"), ("陆", "lu"), ("汪", "wang"), ("范", "fan"), ("金", "jin"),
    ("石", "shi"), ("廖", "liao"), ("贾", "jia"), ("夏", "xia"), ("韦", "wei"),
    ("方", "fang"), ("白", "bai"), ("邹", "zou"), ("孟", "meng"), ("熊", "xiong"),
    ("秦", "qin"), ("邱", "qiu"), ("江", "jiang"), ("尹", "yin"), ("薛", "xue"),
    ("段", "duan"), ("雷", "lei"), ("侯", "hou"), ("龙", "long"), ("史", "shi"),
    ("陶", "tao"), ("黎", "li"), ("贺", "he"), ("顾", "gu"), ("毛", "mao"),
    ("郝", "hao"), ("龚", "gong"), ("邵", "shao"), ("万", "wan"), ("钱", "qian"),
    ("严", "yan"), ("武", "wu"), ("戴", "dai"), ("莫", "mo"), ("孔", "kong"),
    ("汤", "tang"), ("欧阳", "ouyang"), ("司马", "sima"), ("上官", "shangguan"),
];

#[rustfmt::skip]
pub(crate) const GIVEN: &[(&str, &str)] = &[
    ("伟", "wei"), ("芳", "fang"), ("娜", "na"), ("敏", "min"), ("静", "jing"),
    ("丽", "li"), ("强", "qiang"), ("磊", "lei"), ("军", "jun"), ("洋", "yang"),
    ("勇", "yong"), ("艳", "yan"), ("杰", "jie"), ("娟", "juan"), ("涛", "tao"),
    ("明", "ming"), ("超", "chao"), ("秀英", "xiuying"), ("霞", "xia"), ("平", "ping"),
    ("刚", "gang"), ("桂英", "guiying"), ("华", "hua"), ("建华", "jianhua"),
    ("志强", "zhiqiang"), ("晓明", "xiaoming"), ("婷", "ting"), ("浩", "hao"),
    ("宇", "yu"), ("欣怡", "xinyi"), ("子涵", "zihan"), ("梓轩", "zixuan"),
    ("雨桐", "yutong"), ("俊杰", "junjie"), ("嘉怡", "jiayi"), ("鹏", "peng"),
    ("辉", "hui"), ("玲", "ling"), ("斌", "bin"), ("波", "bo"), ("琳", "lin"),
    ("颖", "ying"), ("帆", "fan"), ("博文", "bowen"), ("思远", "siyuan"), ("雪", "xue"),
    ("燕", "yan"), ("红", "hong"), ("飞", "fei"), ("凯", "kai"), ("亮", "liang"),
    ("晨", "chen"), ("阳", "yang"), ("倩", "qian"), ("佳", "jia"), ("慧", "hui"),
    ("莉", "li"), ("瑶", "yao"), ("文", "wen"), ("一鸣", "yiming"), ("海涛", "haitao"),
    ("晓燕", "xiaoyan"), ("丹", "dan"), ("萍", "ping"), ("鑫", "xin"), ("琪", "qi"),
    ("昊天", "haotian"), ("诗涵", "shihan"), ("雅婷", "yating"), ("家豪", "jiahao"),
    ("天佑", "tianyou"), ("若曦", "ruoxi"), ("振宇", "zhenyu"), ("国强", "guoqiang"),
    ("建国", "jianguo"), ("淑芬", "shufen"), ("美玲", "meiling"), ("少华", "shaohua"),
    ("立新", "lixin"),
];

/// Same sound, other character: how a name gets typed differently in the other system.
#[rustfmt::skip]
pub(crate) const HOMOPHONES: &[(&str, &str)] = &[
    ("伟", "玮"), ("芳", "方"), ("娜", "纳"), ("敏", "闵"), ("静", "婧"), ("丽", "俪"),
    ("磊", "蕾"), ("军", "君"), ("杰", "洁"), ("明", "铭"), ("涛", "韬"), ("婷", "亭"),
    ("浩", "昊"), ("宇", "雨"), ("琳", "霖"), ("颖", "莹"),
];

#[rustfmt::skip]
pub(crate) const ENGLISH: &[&str] = &[
    "David", "Kevin", "Jason", "Lily", "Amy", "Tony", "Eric", "Grace", "Helen", "Leo",
    "Vivian", "Jack",
];

#[rustfmt::skip]
pub(crate) const DEPARTMENTS: &[&str] = &[
    "研发部/后端组", "研发部/前端组", "研发部/测试组", "研发部/运维组", "产品部/产品组",
    "产品部/设计组", "市场部/品牌组", "市场部/渠道组", "销售部/华东区", "销售部/华南区",
    "销售部/华北区", "财务部", "人力资源部", "行政部", "法务部", "客服部/一线", "客服部/二线",
];

#[rustfmt::skip]
pub(crate) const POSITIONS: &[&str] = &["工程师", "高级工程师", "专员", "主管", "经理", "总监", "助理"];

/// (local part, display name) of shared mailboxes that belong to no person.
#[rustfmt::skip]
pub(crate) const PUBLIC: &[(&str, &str)] = &[
    ("hr", "人力资源部"), ("service", "客服中心"), ("finance", "财务部"), ("admin", "行政部"),
    ("it", "IT支持"), ("sales", "销售部公共邮箱"), ("jobs", "招聘"), ("noreply", "系统通知"),
    ("info", "公司信息"), ("legal", "法务部公共邮箱"),
];

#[rustfmt::skip]
pub(crate) const FREE_MAIL: &[&str] = &["qq.com", "163.com", "126.com", "foxmail.com", "gmail.com"];

/// Common mobile prefixes (the first three digits).
#[rustfmt::skip]
pub(crate) const MOBILE_PREFIXES: &[&str] = &[
    "138", "139", "137", "136", "135", "134", "150", "151", "152", "157", "158", "159",
    "182", "183", "187", "188", "130", "131", "132", "155", "156", "185", "186", "133",
    "153", "180", "181", "189", "177", "173", "199", "198", "166", "176", "178", "147",
];
