/// The words synthetic records are made of: Chinese with their pinyin, so a company's Latin
/// name and a person's Latin name and e-mail match the Chinese ones.
enum Vocabulary {
    /// Syllables of company brand names (字号).
    static let brandSyllables: [(zh: String, pinyin: String)] = [
        ("星", "xing"), ("河", "he"), ("光", "guang"), ("影", "ying"), ("华", "hua"), ("天", "tian"),
        ("悦", "yue"), ("海", "hai"), ("明", "ming"), ("辰", "chen"), ("博", "bo"), ("纳", "na"),
        ("金", "jin"), ("石", "shi"), ("云", "yun"), ("峰", "feng"), ("瑞", "rui"), ("锦", "jin"),
        ("文", "wen"), ("新", "xin"), ("远", "yuan"), ("龙", "long"), ("青", "qing"), ("山", "shan"),
        ("嘉", "jia"), ("禾", "he"), ("润", "run"), ("泽", "ze"), ("东", "dong"), ("方", "fang"),
        ("盛", "sheng"), ("世", "shi"), ("万", "wan"), ("达", "da"), ("乐", "le"), ("视", "shi"),
        ("鸿", "hong"), ("宇", "yu"), ("晨", "chen"), ("阳", "yang"), ("橙", "cheng"), ("子", "zi"),
        ("正", "zheng"), ("午", "wu"), ("阅", "yue"), ("坤", "kun"), ("和", "he"), ("麦", "mai"),
        ("田", "tian"), ("灵", "ling"), ("犀", "xi"), ("蓝", "lan"), ("鲸", "jing"), ("银", "yin"),
        ("汉", "han"), ("长", "chang"), ("城", "cheng"), ("大", "da"), ("地", "di"), ("鹿", "lu"),
        ("森", "sen"), ("奇", "qi"), ("艺", "yi"), ("果", "guo"), ("派", "pai"), ("像", "xiang"),
    ]

    /// What a company does, by kind: Chinese and English parts of the name.
    static let industries: [String: [(zh: String, en: String)]] = [
        "production": [
            ("影视文化传媒", "Film & Culture Media"), ("影业", "Pictures"), ("影视制作", "Film Production"),
            ("电影", "Films"), ("文化传播", "Culture Communication"),
        ],
        "internet_platform": [
            ("网络科技", "Network Technology"), ("互联网信息服务", "Internet Information Services"),
            ("在线视频", "Online Video"),
        ],
        "distribution": [
            ("电影发行", "Film Distribution"), ("影视发行", "Film & TV Distribution"),
            ("院线管理", "Cinema Circuit Management"),
        ],
        "post_production": [("后期制作", "Post-Production"), ("视效", "Visual Effects"), ("数字影像", "Digital Imaging")],
        "technology": [
            ("数字科技", "Digital Technology"), ("虚拟现实技术", "Virtual Reality Technology"),
            ("影视设备", "Film Equipment"),
        ],
        "investment": [("文化投资", "Culture Investment"), ("股权投资基金管理", "Equity Fund Management")],
        "other": [
            ("文化艺术交流", "Culture & Arts Exchange"), ("会展服务", "Exhibition Services"),
            ("教育咨询", "Education Consulting"),
        ],
    ]

    /// Company kinds (DESIGN §5) and how common each is.
    static let kinds: [(String, Int)] = [
        ("production", 30), ("internet_platform", 8), ("distribution", 12), ("post_production", 15),
        ("technology", 15), ("investment", 8), ("other", 12),
    ]

    struct District {
        let name: String
        let division: String
        let cityZh: String
        let cityEn: String
    }

    /// Districts of registration with their administrative division codes; Huairou (the zone)
    /// first and most common.
    static let districts: [(District, Int)] = [
        (District(name: "怀柔区", division: "110116", cityZh: "北京", cityEn: "Beijing"), 35),
        (District(name: "朝阳区", division: "110105", cityZh: "北京", cityEn: "Beijing"), 15),
        (District(name: "海淀区", division: "110108", cityZh: "北京", cityEn: "Beijing"), 10),
        (District(name: "东城区", division: "110101", cityZh: "北京", cityEn: "Beijing"), 4),
        (District(name: "西城区", division: "110102", cityZh: "北京", cityEn: "Beijing"), 3),
        (District(name: "丰台区", division: "110106", cityZh: "北京", cityEn: "Beijing"), 3),
        (District(name: "石景山区", division: "110107", cityZh: "北京", cityEn: "Beijing"), 2),
        (District(name: "通州区", division: "110112", cityZh: "北京", cityEn: "Beijing"), 4),
        (District(name: "顺义区", division: "110113", cityZh: "北京", cityEn: "Beijing"), 3),
        (District(name: "昌平区", division: "110114", cityZh: "北京", cityEn: "Beijing"), 3),
        (District(name: "大兴区", division: "110115", cityZh: "北京", cityEn: "Beijing"), 3),
        (District(name: "密云区", division: "110118", cityZh: "北京", cityEn: "Beijing"), 2),
        (District(name: "浦东新区", division: "310115", cityZh: "上海", cityEn: "Shanghai"), 5),
        (District(name: "南山区", division: "440305", cityZh: "深圳", cityEn: "Shenzhen"), 4),
        (District(name: "西湖区", division: "330106", cityZh: "杭州", cityEn: "Hangzhou"), 3),
    ]

    static let legalForms: [(zh: String, en: String, weight: Int)] = [
        ("有限公司", "Co., Ltd.", 80), ("有限责任公司", "Co., Ltd.", 12), ("股份有限公司", "Corporation Limited", 8),
    ]

    static let surnames: [(zh: String, pinyin: String)] = [
        ("王", "Wang"), ("李", "Li"), ("张", "Zhang"), ("刘", "Liu"), ("陈", "Chen"), ("杨", "Yang"),
        ("黄", "Huang"), ("赵", "Zhao"), ("吴", "Wu"), ("周", "Zhou"), ("徐", "Xu"), ("孙", "Sun"),
        ("马", "Ma"), ("朱", "Zhu"), ("胡", "Hu"), ("郭", "Guo"), ("何", "He"), ("高", "Gao"),
        ("林", "Lin"), ("罗", "Luo"), ("郑", "Zheng"), ("梁", "Liang"), ("谢", "Xie"), ("宋", "Song"),
        ("唐", "Tang"), ("许", "Xu"), ("韩", "Han"), ("冯", "Feng"), ("邓", "Deng"), ("曹", "Cao"),
        ("彭", "Peng"), ("曾", "Zeng"), ("肖", "Xiao"), ("田", "Tian"), ("董", "Dong"), ("袁", "Yuan"),
        ("潘", "Pan"), ("于", "Yu"), ("蒋", "Jiang"), ("蔡", "Cai"), ("余", "Yu"), ("杜", "Du"),
        ("叶", "Ye"), ("程", "Cheng"), ("苏", "Su"), ("魏", "Wei"), ("吕", "Lyu"), ("丁", "Ding"),
        ("任", "Ren"), ("沈", "Shen"), ("欧阳", "Ouyang"), ("司马", "Sima"),
    ]

    static let givenSyllables: [(zh: String, pinyin: String)] = [
        ("伟", "wei"), ("芳", "fang"), ("娜", "na"), ("敏", "min"), ("静", "jing"), ("丽", "li"),
        ("强", "qiang"), ("磊", "lei"), ("军", "jun"), ("洋", "yang"), ("勇", "yong"), ("艳", "yan"),
        ("杰", "jie"), ("娟", "juan"), ("涛", "tao"), ("明", "ming"), ("超", "chao"), ("秀", "xiu"),
        ("霞", "xia"), ("平", "ping"), ("刚", "gang"), ("英", "ying"), ("华", "hua"), ("文", "wen"),
        ("婷", "ting"), ("宇", "yu"), ("浩", "hao"), ("然", "ran"), ("晨", "chen"), ("欣", "xin"),
        ("怡", "yi"), ("子", "zi"), ("涵", "han"), ("萱", "xuan"), ("思", "si"), ("雨", "yu"),
        ("嘉", "jia"), ("琪", "qi"), ("博", "bo"), ("轩", "xuan"), ("一", "yi"), ("鸣", "ming"),
        ("晓", "xiao"), ("峰", "feng"), ("睿", "rui"), ("瑶", "yao"), ("凯", "kai"), ("佳", "jia"),
    ]

    static let titles: [String] = [
        "导演", "制片人", "编剧", "摄影指导", "剪辑师", "视效总监", "发行经理", "总经理", "董事长", "市场总监",
        "Director", "Producer", "Screenwriter", "Director of Photography", "Editor", "VFX Supervisor",
        "Head of Distribution", "General Manager", "Chief Technology Officer", "Investment Director",
    ]

    static let specialties: [String] = [
        "screenwriting", "directing", "producing", "cinematography", "editing", "vfx", "sound",
        "distribution", "marketing", "financing", "animation", "streaming", "copyright", "virtual production",
    ]

    static let mobilePrefixes = [
        "130", "131", "135", "136", "138", "139", "150", "152", "158", "176", "186", "188", "199",
    ]

    struct EventTemplate {
        let zh: String
        let en: String
        let kind: String
        let capacity: ClosedRange<Int>
    }

    static let events: [(EventTemplate, Int)] = [
        (EventTemplate(zh: "互联网影视产业论坛", en: "Internet Film Industry Forum", kind: "forum", capacity: 150...600), 20),
        (
            EventTemplate(
                zh: "网络电影发行与营销论坛", en: "Online Film Distribution and Marketing Forum", kind: "forum",
                capacity: 100...400), 12
        ),
        (EventTemplate(zh: "影视科技创新沙龙", en: "Film Technology Innovation Salon", kind: "forum", capacity: 60...200), 10),
        (EventTemplate(zh: "工作组全体成员会议", en: "Working Group Plenary Meeting", kind: "meeting", capacity: 80...300), 12),
        (EventTemplate(zh: "秘书处工作会议", en: "Secretariat Meeting", kind: "meeting", capacity: 15...40), 14),
        (EventTemplate(zh: "网络电影创作研讨会", en: "Online Film Creation Workshop", kind: "workshop", capacity: 30...120), 12),
        (EventTemplate(zh: "虚拟拍摄技术工作坊", en: "Virtual Production Workshop", kind: "workshop", capacity: 20...60), 8),
        (EventTemplate(zh: "版权保护专题培训", en: "Copyright Protection Training", kind: "workshop", capacity: 40...150), 6),
        (
            EventTemplate(
                zh: "年度优秀网络电影颁奖典礼", en: "Annual Online Film Awards Ceremony", kind: "ceremony", capacity: 300...1000), 3
        ),
        (EventTemplate(zh: "怀柔影视基地参观交流", en: "Visit to the Huairou Film Base", kind: "other", capacity: 30...150), 3),
    ]

    static let venues: [(name: String, district: String)] = [
        ("中国（怀柔）影视基地", "怀柔区"), ("中影数字制作基地", "怀柔区"), ("怀柔国家影视产业示范区会议中心", "怀柔区"),
        ("雁栖湖国际会展中心", "怀柔区"), ("国家会议中心", "朝阳区"), ("北京电影学院", "海淀区"),
        ("中国互联网协会会议室", "西城区"),
    ]
}
