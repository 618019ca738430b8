//! The running component against its own OpenAPI document: every documented
//! operation, with every documented example and enum value, answers a
//! documented status with a body that fits the documented schema.

mod common;

use common::host::Host;
use common::repo_root;
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use serde_json::Value;

/// The document as served: crates/http/src/openapi.json, with what
/// build.rs adds (the zone names `tz` takes, the tzdata release), from the
/// routes natively.
fn document() -> Value {
    let answer = timestamp_http::routes::handle(
        timestamp_http::routes::Request::new("GET", "/api/openapi.json"),
        || unreachable!("no date is read"),
    );
    serde_json::from_slice(&answer.body).expect("the served document is JSON")
}

/// The document as written, in crates/http/src/openapi.json.
fn source() -> Value {
    let text =
        std::fs::read_to_string(repo_root().join("crates/http/src/openapi.json")).expect("read");
    serde_json::from_str(&text).expect("openapi.json is JSON")
}

/// What a query value keeps as it is: RFC 3986's unreserved characters.
const UNRESERVED_KEPT: &percent_encoding::AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// A long enum (the zone names) is sampled: its first and last values and
/// every 25th, beside the documented examples.
const ENUM_SAMPLE_ABOVE: usize = 16;

/// Follows a local `$ref`.
fn resolve<'a>(doc: &'a Value, value: &'a Value) -> &'a Value {
    match value.get("$ref").and_then(Value::as_str) {
        Some(reference) => {
            let pointer = reference.strip_prefix('#').expect("a local $ref");
            resolve(
                doc,
                doc.pointer(pointer)
                    .unwrap_or_else(|| panic!("{reference} resolves")),
            )
        }
        None => value,
    }
}

/// The subset of JSON Schema the document uses.
fn fits(doc: &Value, schema: &Value, value: &Value) -> bool {
    let schema = resolve(doc, schema);
    if let Some(options) = schema.get("oneOf").and_then(Value::as_array) {
        return options.iter().filter(|s| fits(doc, s, value)).count() == 1;
    }
    if let Some(constant) = schema.get("const") {
        return value == constant;
    }
    if let Some(allowed) = schema.get("enum").and_then(Value::as_array) {
        if !allowed.contains(value) {
            return false;
        }
    }
    match schema.get("type").and_then(Value::as_str) {
        Some("object") => {
            let Some(object) = value.as_object() else {
                return false;
            };
            let properties = schema.get("properties").and_then(Value::as_object);
            let required = schema
                .get("required")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            if !required
                .iter()
                .all(|name| object.contains_key(name.as_str().unwrap_or_default()))
            {
                return false;
            }
            for (name, field) in object {
                let fits_field = match properties.and_then(|p| p.get(name)) {
                    Some(field_schema) => fits(doc, field_schema, field),
                    None => schema.get("additionalProperties") != Some(&Value::Bool(false)),
                };
                if !fits_field {
                    return false;
                }
            }
            true
        }
        Some("array") => value.as_array().is_some_and(|items| {
            let item = schema.get("items");
            item.is_none_or(|item| items.iter().all(|v| fits(doc, item, v)))
        }),
        Some("integer") => value.as_i64().is_some_and(|n| {
            schema
                .get("minimum")
                .and_then(Value::as_i64)
                .is_none_or(|min| n >= min)
                && schema
                    .get("maximum")
                    .and_then(Value::as_i64)
                    .is_none_or(|max| n <= max)
        }),
        Some("string") => value.is_string(),
        // No type constraint (const, enum and oneOf are handled above).
        None => true,
        Some(other) => panic!("the checker does not know type {other:?}"),
    }
}

/// Every target to try for one operation: each example of each path
/// parameter, alone and with each value of each query parameter, and with an
/// undocumented value of each.
fn targets(doc: &Value, path: &str, operation: &Value) -> Vec<String> {
    let parameters: Vec<&Value> = operation
        .get("parameters")
        .and_then(Value::as_array)
        .map(|ps| ps.iter().map(|p| resolve(doc, p)).collect())
        .unwrap_or_default();
    let mut bases = vec![path.to_owned()];
    for parameter in parameters.iter().filter(|p| p["in"] == "path") {
        let name = parameter["name"].as_str().expect("a name");
        let examples = parameter["examples"]
            .as_object()
            .expect("path parameters have examples");
        bases = examples
            .values()
            .flat_map(|example| {
                let value = utf8_percent_encode(
                    example["value"].as_str().expect("string"),
                    NON_ALPHANUMERIC,
                )
                .to_string();
                bases
                    .iter()
                    .map(move |b| b.replace(&format!("{{{name}}}"), &value))
            })
            .collect();
    }
    let mut targets = bases.clone();
    for parameter in parameters.iter().filter(|p| p["in"] == "query") {
        let name = parameter["name"].as_str().expect("a name");
        // An enum's every value (a sample of a long one), and every
        // documented example.
        let mut values: Vec<String> = parameter["examples"]
            .as_object()
            .into_iter()
            .flat_map(|examples| examples.values())
            .map(|e| e["value"].as_str().expect("string").to_owned())
            .collect();
        if let Some(allowed) = parameter["schema"]["enum"].as_array() {
            let last = allowed.len() - 1;
            values.extend(
                allowed
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| {
                        allowed.len() <= ENUM_SAMPLE_ABOVE || i % 25 == 0 || *i == last
                    })
                    .map(|(_, v)| v.as_str().expect("string").to_owned()),
            );
        }
        assert!(!values.is_empty(), "{name}: no enum and no examples");
        values.push("not-a-value".to_owned());
        for base in &bases {
            for value in &values {
                // Encoded: a zone like Etc/GMT+4 has a `+`, a space in a query.
                let value = utf8_percent_encode(value, UNRESERVED_KEPT);
                targets.push(format!("{base}?{name}={value}"));
            }
        }
    }
    targets
}

/// The bodies to send: none without a `requestBody`; else each documented
/// example, and one that is not JSON.
fn bodies(operation: &Value) -> Vec<Option<Vec<u8>>> {
    let examples = &operation["requestBody"]["content"]["application/json"]["examples"];
    let Some(examples) = examples.as_object() else {
        return vec![None];
    };
    let mut bodies: Vec<Option<Vec<u8>>> = examples
        .values()
        .map(|example| Some(serde_json::to_vec(&example["value"]).expect("JSON")))
        .collect();
    bodies.push(Some(b"not json".to_vec()));
    bodies
}

fn request_with_body(method: &str, target: &str, body: &[u8]) -> Vec<u8> {
    let mut request = format!(
        "{} {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n",
        method.to_uppercase(),
        body.len()
    )
    .into_bytes();
    request.extend_from_slice(body);
    request
}

#[test]
fn the_component_answers_as_documented() {
    let doc = document();
    assert_eq!(doc["openapi"], "3.1.0");
    let host = Host::start();
    let mut checked = 0;
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for (method, operation) in item.as_object().expect("path item") {
            for target in targets(&doc, path, operation) {
                for body in bodies(operation) {
                    let response = match &body {
                        None => host.request(&method.to_uppercase(), &target),
                        Some(body) => host.send(&request_with_body(method, &target, body)),
                    };
                    // A wrong parameter value or body is a 400; anything
                    // the document offers is a 200.
                    let wrong =
                        target.contains("not-a-value") || body.as_deref() == Some(&b"not json"[..]);
                    let expected = if wrong { 400 } else { 200 };
                    assert_eq!(response.status, expected, "{method} {target}");
                    let status = response.status.to_string();
                    let documented = &operation["responses"][&status];
                    assert!(
                        !documented.is_null(),
                        "{method} {target}: {status} is undocumented"
                    );
                    let documented = resolve(&doc, documented);
                    let schema = &documented["content"]["application/json"]["schema"];
                    assert_eq!(
                        response.header("content-type"),
                        Some("application/json; charset=utf-8")
                    );
                    let answer = response.json();
                    assert!(
                        fits(&doc, schema, &answer),
                        "{method} {target}: {answer} does not fit {schema}"
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(checked >= 40, "only {checked} requests checked");
}

#[test]
fn the_component_serves_this_document() {
    let host = Host::start();
    let response = host.get("/api/openapi.json");
    assert_eq!(response.status, 200);
    assert_eq!(response.json(), document());
}

/// What is served is the written document plus build.rs's three additions,
/// and nothing else.
#[test]
fn the_served_document_is_the_written_one_with_the_zone_data() {
    let mut served = document();
    let added = [
        "/info/x-tzdata-release",
        "/components/parameters/tz/schema/enum",
        "/paths/~1healthz/get/responses/200/content/application~1json/schema/properties/tzdata",
    ];
    for at in added {
        let (parent, key) = at.rsplit_once('/').expect("a pointer");
        let removed = served
            .pointer_mut(parent)
            .and_then(Value::as_object_mut)
            .and_then(|object| object.remove(key));
        assert!(removed.is_some(), "{at} is served");
    }
    let health = "/paths/~1healthz/get/responses/200/content/application~1json/schema/required";
    *served.pointer_mut(health).expect("required") = serde_json::json!(["status"]);
    assert_eq!(served, source());
}
