//! Filters, facets, date order and ranges, checked against a brute-force count over the articles
//! themselves: for several queries and filter sets, the filtered hits are exactly the articles
//! that match the query and every filter, and each facet count is exactly the number of matching
//! articles with that value (the query and the other fields' filters applied).

use std::collections::BTreeMap;

use engine::{Engine, Filter, Options, Sort};
use indexer::Article;

const SECTIONS: [&str; 3] = ["特稿", "財經", "科技"];
const SOURCES: [&str; 2] = ["香港文匯報", "新華社"];
const TAGS: [&str; 4] = ["AI", "晶片", "出口", "開源"];
const WORDS: [&str; 5] = ["人工智能", "晶片出口", "開源模型", "展會", "金融"];

/// 90 articles with sections, sources, tags and dates spread deterministically.
fn corpus() -> Vec<Article> {
    (0..90)
        .map(|i| Article {
            id: format!("a{i}"),
            title: format!("第{i}篇 {}", WORDS[i % 5]),
            body: format!(
                "{}。{}。編號{i}",
                WORDS[(i * 7) % 5],
                WORDS[(i * 3 + 1) % 5]
            ),
            section: SECTIONS[i % 3].into(),
            source: SOURCES[(i / 3) % 2].into(),
            tags: TAGS
                .iter()
                .enumerate()
                .filter(|(t, _)| (i >> t) & 1 == 1)
                .map(|(_, t)| t.to_string())
                .collect(),
            date: if i % 11 == 0 {
                String::new()
            } else {
                format!("2025-{:02}-{:02}", 1 + i % 12, 1 + i % 28)
            },
            ..Default::default()
        })
        .collect()
}

fn field<'a>(a: &'a Article, f: &str) -> Vec<&'a str> {
    match f {
        "section" => vec![a.section.as_str()],
        "source" => vec![a.source.as_str()],
        "tags" => a.tags.iter().map(String::as_str).collect(),
        _ => vec![],
    }
}

fn passes(a: &Article, filters: &[Filter], except: Option<&str>) -> bool {
    filters
        .iter()
        .filter(|f| Some(f.field.as_str()) != except)
        .all(|f| {
            field(a, &f.field)
                .iter()
                .any(|v| f.values.iter().any(|w| w == v))
        })
}

#[test]
fn filters_and_facet_counts_equal_a_brute_force_count() {
    let articles = corpus();
    let bytes = indexer::build(&articles).unwrap().0;
    let engine = Engine::open(&bytes).unwrap();
    let by_id: BTreeMap<&str, &Article> = articles.iter().map(|a| (a.id.as_str(), a)).collect();
    let filter = |field: &str, values: &[&str]| Filter {
        field: field.into(),
        values: values.iter().map(|v| v.to_string()).collect(),
    };
    let filter_sets = vec![
        vec![],
        vec![filter("section", &["特稿"])],
        vec![
            filter("section", &["特稿", "科技"]),
            filter("tags", &["AI"]),
        ],
        vec![
            filter("source", &["新華社"]),
            filter("tags", &["晶片", "開源"]),
            filter("section", &["財經"]),
        ],
        vec![filter("tags", &["沒有這個標籤"])],
    ];
    for query in ["晶片", "人工智能", "開源模型", "編號", ""] {
        // The query alone, unfiltered: which articles match it (the empty query: all of them).
        let all = Options {
            limit: 100,
            ..Default::default()
        };
        let matching: Vec<&Article> = if query.is_empty() {
            articles.iter().collect()
        } else {
            let r = engine.search(query, all.clone());
            assert!(r.total < 100);
            r.hits.iter().map(|h| by_id[h.id.as_str()]).collect()
        };
        for filters in &filter_sets {
            if query.is_empty() && filters.is_empty() {
                continue;
            }
            let options = Options {
                limit: 100,
                filters: filters.clone(),
                facets: true,
                ..Default::default()
            };
            let r = engine.search(query, options);
            let mut got: Vec<&str> = r.hits.iter().map(|h| h.id.as_str()).collect();
            let mut want: Vec<&str> = matching
                .iter()
                .filter(|a| passes(a, filters, None))
                .map(|a| a.id.as_str())
                .collect();
            got.sort();
            want.sort();
            assert_eq!(got, want, "{query:?} {filters:?}");
            assert_eq!(r.total as usize, want.len());
            for facet in &r.facets {
                let mut brute: BTreeMap<&str, u32> = BTreeMap::new();
                for a in matching
                    .iter()
                    .filter(|a| passes(a, filters, Some(&facet.field)))
                {
                    for v in field(a, &facet.field) {
                        *brute.entry(v).or_default() += 1;
                    }
                }
                let counted: BTreeMap<&str, u32> = facet
                    .values
                    .iter()
                    .map(|v| (v.value.as_str(), v.count))
                    .collect();
                if ["section", "source", "tags"].contains(&facet.field.as_str()) {
                    assert_eq!(counted, brute, "{query:?} {filters:?} {}", facet.field);
                }
                assert!(
                    facet.values.windows(2).all(|w| w[0].count >= w[1].count),
                    "most first"
                );
            }
        }
    }
}

#[test]
fn paging_reaches_every_hit_once_in_a_stable_order() {
    let articles = corpus();
    let bytes = indexer::build(&articles).unwrap().0;
    let engine = Engine::open(&bytes).unwrap();
    for sort in [Sort::Relevance, Sort::Newest, Sort::Oldest] {
        let all = engine.search(
            "編號",
            Options {
                limit: 100,
                sort,
                ..Default::default()
            },
        );
        let mut paged = Vec::new();
        for page in 0..10 {
            let r = engine.search(
                "編號",
                Options {
                    limit: 10,
                    offset: page * 10,
                    sort,
                    ..Default::default()
                },
            );
            assert_eq!(r.total, all.total);
            paged.extend(r.hits.into_iter().map(|h| h.id));
        }
        let ids: Vec<String> = all.hits.into_iter().map(|h| h.id).collect();
        assert_eq!(paged, ids, "{sort:?}");
        assert_eq!(ids.len(), 90);
    }
}

#[test]
fn date_order_and_ranges_keep_calendar_dates_and_instants_apart() {
    let article = |id: &str, date: &str| Article {
        id: id.into(),
        title: "新聞".into(),
        body: "內容".into(),
        date: date.into(),
        ..Default::default()
    };
    let articles = vec![
        article("honolulu-late", "2025-09-19T23:30:00-10:00"), // 2025-09-20 09:30 UTC
        article("calendar-19", "2025-09-19"),                  // the calendar day, never shifted
        article("tokyo-early", "2025-09-20T00:30:00+09:00"),   // 2025-09-19 15:30 UTC
        article("undated", ""),
        article("calendar-18", "2025-09-18"),
    ];
    let bytes = indexer::build(&articles).unwrap().0;
    let engine = Engine::open(&bytes).unwrap();
    let ids = |options: Options| -> Vec<String> {
        engine
            .search("新聞", options)
            .hits
            .into_iter()
            .map(|h| h.id)
            .collect()
    };
    assert_eq!(
        ids(Options {
            sort: Sort::Newest,
            ..Default::default()
        }),
        [
            "honolulu-late",
            "tokyo-early",
            "calendar-19",
            "calendar-18",
            "undated"
        ]
    );
    assert_eq!(
        ids(Options {
            sort: Sort::Oldest,
            ..Default::default()
        }),
        [
            "calendar-18",
            "calendar-19",
            "tokyo-early",
            "honolulu-late",
            "undated"
        ]
    );
    let day = |s: &str| engine::date::When::parse(s).unwrap().seconds;
    // The 19th, as UTC days: from its midnight to the last second.
    let the_19th = Options {
        from: Some(day("2025-09-19")),
        to: Some(day("2025-09-19") + 86_399),
        sort: Sort::Oldest,
        ..Default::default()
    };
    assert_eq!(ids(the_19th.clone()), ["calendar-19", "tokyo-early"]);
    // An empty query with a range lists the articles in it, newest first.
    let listed: Vec<String> = engine
        .search("", the_19th)
        .hits
        .into_iter()
        .map(|h| h.id)
        .collect();
    assert_eq!(listed, ["calendar-19", "tokyo-early"]);
    let browse = engine.search(
        "",
        Options {
            from: Some(day("2025-09-19")),
            ..Default::default()
        },
    );
    assert_eq!(
        browse
            .hits
            .iter()
            .map(|h| h.id.as_str())
            .collect::<Vec<_>>(),
        ["honolulu-late", "tokyo-early", "calendar-19"]
    );
    assert_eq!(
        engine.search("", Options::default()).total,
        0,
        "no query, no filter: nothing"
    );
}

#[test]
fn the_recency_boost_lifts_newer_articles() {
    let article = |id: &str, date: &str, body: &str| Article {
        id: id.into(),
        title: "x".into(),
        body: body.into(),
        date: date.into(),
        ..Default::default()
    };
    // The old article matches better (the term twice); a recency boost lets the new one win.
    let articles = vec![
        article("old", "2020-01-01", "晶片。晶片"),
        article("new", "2025-01-01", "晶片。內容"),
    ];
    let bytes = indexer::build(&articles).unwrap().0;
    let engine = Engine::open(&bytes).unwrap();
    let first = |recency: f64| {
        engine
            .search(
                "晶片",
                Options {
                    recency,
                    ..Default::default()
                },
            )
            .hits[0]
            .id
            .clone()
    };
    assert_eq!(first(0.0), "old");
    assert_eq!(first(30.0), "new");
}
