//! `passive-data IN.wasm OUT.wasm`: the link step that Rust cannot take,
//! for `passive_bytes::embed!` (crates/passive-bytes).
//!
//! For each custom section `passive-bytes:NAME` of the component's core
//! module, it
//! 1. moves the section's bytes into a new passive data segment, which is
//!    not part of the memory image a host maps into every instance;
//! 2. replaces the body of the function exported as `passive-bytes:NAME`,
//!    `(dest, offset, len)`, with `memory.init` from that segment;
//! 3. removes that export, which the component never lifts;
//!
//! and writes the data count section that `memory.init` needs. It validates
//! what it writes to OUT. IN is cargo's artifact, left as it is: cargo
//! links it again whenever it likes. A file without such sections is
//! copied as it is. A loader without its section, or the other way round,
//! is an error.

use std::collections::BTreeMap;
use std::ops::Range;
use std::process::ExitCode;

use wasm_encoder::{
    CodeSection, DataCountSection, DataSection, ExportKind, ExportSection, Function, Instruction,
    RawSection, Section,
};
use wasmparser::{ExternalKind, Parser, Payload, TypeRef, Validator};

/// How passive-bytes' `embed!` starts the names of its sections and
/// loaders (it writes the same literal); the static's path follows.
const PREFIX: &str = "passive-bytes:";

/// The binary format's ids of the sections this reads or rewrites: in a
/// component, a core module; in a core module, the rest.
const CORE_MODULE: u8 = 1;
const CUSTOM: u8 = 0;
const EXPORT: u8 = 7;
const CODE: u8 = 10;
const DATA: u8 = 11;
const DATA_COUNT: u8 = 12;

type Error = String;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, output] = args.as_slice() else {
        eprintln!("usage: passive-data IN.wasm OUT.wasm");
        return ExitCode::from(2);
    };
    match rewrite_file(input, output) {
        Ok(count) => {
            eprintln!("passive-data: {output}: {count} passive segments from {input}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("passive-data: {input}: {error}");
            ExitCode::FAILURE
        }
    }
}

/// Writes `input` rewritten to `output`; how many segments it made.
fn rewrite_file(input: &str, output: &str) -> Result<usize, Error> {
    let bytes = std::fs::read(input).map_err(|error| error.to_string())?;
    let (rewritten, count) = rewrite(&bytes)?;
    if let Some(folder) = std::path::Path::new(output).parent() {
        std::fs::create_dir_all(folder).map_err(|error| format!("{output}: {error}"))?;
    }
    // Whole or not at all: a build that stops here leaves no half a file.
    let temporary = format!("{output}.partial");
    std::fs::write(&temporary, rewritten).map_err(|error| format!("{output}: {error}"))?;
    std::fs::rename(&temporary, output).map_err(|error| format!("{output}: {error}"))?;
    Ok(count)
}

/// A component or core module with its passive-bytes sections made passive
/// segments, and how many; validated.
fn rewrite(bytes: &[u8]) -> Result<(Vec<u8>, usize), Error> {
    if !bytes.starts_with(b"\0asm") || bytes.len() < HEADER_BYTES {
        return Err("not a wasm module or component".into());
    }
    let (rewritten, count) = if Parser::is_component(bytes) {
        rewrite_component(bytes)?
    } else {
        rewrite_module(bytes)?
    };
    if count == 0 {
        return Ok((bytes.to_vec(), 0));
    }
    Validator::new()
        .validate_all(&rewritten)
        .map_err(|error| format!("the rewritten module is not valid: {error}"))?;
    Ok((rewritten, count))
}

/// The component with each of its top-level core modules rewritten.
fn rewrite_component(bytes: &[u8]) -> Result<(Vec<u8>, usize), Error> {
    let mut out = bytes[..HEADER_BYTES].to_vec();
    let mut count = 0;
    for (id, contents) in sections(bytes)? {
        if id == CORE_MODULE {
            let (module, made) = rewrite_module(contents)?;
            count += made;
            RawSection { id, data: &module }.append_to(&mut out);
        } else {
            RawSection { id, data: contents }.append_to(&mut out);
        }
    }
    Ok((out, count))
}

/// The magic number and version that start every module and component.
const HEADER_BYTES: usize = 8;

/// The top-level sections of a module or component: each id and contents.
fn sections(bytes: &[u8]) -> Result<Vec<(u8, &[u8])>, Error> {
    let mut sections = Vec::new();
    let mut at = HEADER_BYTES;
    while at < bytes.len() {
        let id = bytes[at];
        let (size, size_bytes) = read_u32(&bytes[at + 1..])?;
        let start = at + 1 + size_bytes;
        let end = start
            .checked_add(size as usize)
            .filter(|&end| end <= bytes.len())
            .ok_or("a section runs past the end of the file")?;
        sections.push((id, &bytes[start..end]));
        at = end;
    }
    Ok(sections)
}

/// An unsigned LEB128 `u32` at the start of `bytes`, and its length.
fn read_u32(bytes: &[u8]) -> Result<(u32, usize), Error> {
    let mut reader = wasmparser::BinaryReader::new(bytes, 0);
    let value = reader.read_var_u32().map_err(|error| error.to_string())?;
    Ok((value, reader.original_position()))
}

/// What a core module holds that the rewrite needs.
#[derive(Default)]
struct Module<'a> {
    /// Each passive-bytes section's bytes, by NAME.
    blobs: BTreeMap<&'a str, &'a [u8]>,
    /// Each passive-bytes loader's function index, by NAME.
    loaders: BTreeMap<&'a str, u32>,
    /// How many functions the module imports: defined functions' indices
    /// come after them.
    imported_functions: u32,
    /// The data segments, each as encoded.
    segments: Vec<Range<usize>>,
    /// Where the function bodies are.
    bodies: Vec<Range<usize>>,
}

/// The core module with its passive-bytes sections made passive segments,
/// and how many.
fn rewrite_module(bytes: &[u8]) -> Result<(Vec<u8>, usize), Error> {
    let module = read_module(bytes)?;
    if module.blobs.is_empty() && module.loaders.is_empty() {
        return Ok((bytes.to_vec(), 0));
    }
    for name in module.loaders.keys() {
        if !module.blobs.contains_key(name) {
            return Err(format!("loader {PREFIX}{name} has no section"));
        }
    }
    for name in module.blobs.keys() {
        if !module.loaders.contains_key(name) {
            return Err(format!("section {PREFIX}{name} has no loader"));
        }
    }
    // The new segments' indices, after the module's own, by loader.
    let first = module.segments.len() as u32;
    let segment_of: BTreeMap<u32, u32> = module
        .loaders
        .values()
        .zip(first..)
        .map(|(&function, segment)| (function, segment))
        .collect();
    if segment_of.len() != module.loaders.len() {
        return Err("two loaders are one function (the optimiser merged them)".into());
    }
    let segment_count = first + module.blobs.len() as u32;

    let mut data = DataSection::new();
    for segment in &module.segments {
        data.raw(&bytes[segment.clone()]);
    }
    for blob in module.blobs.values() {
        data.passive(blob.iter().copied());
    }

    let mut out = bytes[..HEADER_BYTES].to_vec();
    let mut wrote_code = false;
    for (id, contents) in sections(bytes)? {
        match id {
            CUSTOM if custom_name(contents)?.starts_with(PREFIX) => {}
            // Written before the code, below: `memory.init` needs it.
            DATA_COUNT => {}
            CODE => {
                DataCountSection {
                    count: segment_count,
                }
                .append_to(&mut out);
                let mut code = CodeSection::new();
                let mut rewritten = 0;
                for (index, body) in module.bodies.iter().enumerate() {
                    let function = module.imported_functions + index as u32;
                    match segment_of.get(&function) {
                        Some(&segment) => {
                            code.function(&memory_init(segment));
                            rewritten += 1;
                        }
                        None => {
                            code.raw(&bytes[body.clone()]);
                        }
                    }
                }
                if rewritten != segment_of.len() {
                    return Err("a loader is an imported function, not one of the module's".into());
                }
                code.append_to(&mut out);
                // The data section comes right after the code (a module
                // without segments of its own has none yet).
                data.append_to(&mut out);
                wrote_code = true;
            }
            DATA => {}
            EXPORT => exports_without_loaders(contents)?.append_to(&mut out),
            _ => RawSection { id, data: contents }.append_to(&mut out),
        }
    }
    if !wrote_code {
        return Err("the module has loaders but no code section".into());
    }
    Ok((out, module.blobs.len()))
}

/// A custom section's name.
fn custom_name(contents: &[u8]) -> Result<&str, Error> {
    let mut reader = wasmparser::BinaryReader::new(contents, 0);
    reader.read_string().map_err(|error| error.to_string())
}

/// A loader's new body: `memory.init` of `segment` into memory 0, with the
/// loader's parameters `(dest, offset, len)` as its operands.
fn memory_init(segment: u32) -> Function {
    let mut body = Function::new([]);
    body.instruction(&Instruction::LocalGet(0))
        .instruction(&Instruction::LocalGet(1))
        .instruction(&Instruction::LocalGet(2))
        .instruction(&Instruction::MemoryInit {
            mem: 0,
            data_index: segment,
        })
        .instruction(&Instruction::End);
    body
}

/// The export section without the loaders' exports.
fn exports_without_loaders(contents: &[u8]) -> Result<ExportSection, Error> {
    let reader = wasmparser::ExportSectionReader::new(wasmparser::BinaryReader::new(contents, 0))
        .map_err(|error| error.to_string())?;
    let mut exports = ExportSection::new();
    for export in reader {
        let export = export.map_err(|error| error.to_string())?;
        if export.name.starts_with(PREFIX) {
            continue;
        }
        let kind = match export.kind {
            ExternalKind::Func | ExternalKind::FuncExact => ExportKind::Func,
            ExternalKind::Table => ExportKind::Table,
            ExternalKind::Memory => ExportKind::Memory,
            ExternalKind::Global => ExportKind::Global,
            ExternalKind::Tag => ExportKind::Tag,
        };
        exports.export(export.name, kind, export.index);
    }
    Ok(exports)
}

/// Reads what [`rewrite_module`] needs from a core module.
fn read_module(bytes: &[u8]) -> Result<Module<'_>, Error> {
    let mut module = Module::default();
    for payload in Parser::new(0).parse_all(bytes) {
        match payload.map_err(|error| error.to_string())? {
            Payload::ImportSection(imports) => {
                for import in imports {
                    let import = import.map_err(|error| error.to_string())?;
                    if matches!(import.ty, TypeRef::Func(_) | TypeRef::FuncExact(_)) {
                        module.imported_functions += 1;
                    }
                }
            }
            Payload::ExportSection(exports) => {
                for export in exports {
                    let export = export.map_err(|error| error.to_string())?;
                    if let Some(name) = export.name.strip_prefix(PREFIX) {
                        if export.kind != ExternalKind::Func {
                            return Err(format!("export {} is not a function", export.name));
                        }
                        module.loaders.insert(name, export.index);
                    }
                }
            }
            Payload::CodeSectionEntry(body) => module.bodies.push(body.range()),
            Payload::DataSection(data) => {
                for segment in data {
                    let segment = segment.map_err(|error| error.to_string())?;
                    module.segments.push(segment.range);
                }
            }
            Payload::CustomSection(section) => {
                if let Some(name) = section.name().strip_prefix(PREFIX) {
                    if module.blobs.insert(name, section.data()).is_some() {
                        return Err(format!("two sections are named {}", section.name()));
                    }
                }
            }
            // A nested module or component is not this module's.
            Payload::ModuleSection { .. } | Payload::ComponentSection { .. } => {
                return Err("a core module with nested modules".into());
            }
            _ => {}
        }
    }
    Ok(module)
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_encoder::{
        ConstExpr, CustomSection, EntityType, FunctionSection, ImportSection, MemorySection,
        MemoryType, Module as Encoder, TypeSection, ValType,
    };

    /// A test module: one imported function, so that defined functions'
    /// indices start at 1; `functions` defined functions of loaders' type
    /// that trap; `loaders` exported as (NAME, function index); one active
    /// segment unless `without_data`, and its data count section (as
    /// wasm-ld writes one with bulk memory on) if `data_count`; and `blobs`
    /// as passive-bytes sections, after the data.
    #[derive(Default)]
    struct Spec<'a> {
        functions: u32,
        loaders: Loaders<'a>,
        blobs: Blobs<'a>,
        without_data: bool,
        data_count: bool,
    }

    /// Loaders' NAMEs and function indices.
    type Loaders<'a> = &'a [(&'a str, u32)];
    /// passive-bytes sections' NAMEs and bytes.
    type Blobs<'a> = &'a [(&'a str, &'a [u8])];

    /// One loader, "a" (function 1), and its blob.
    fn one_blob() -> Spec<'static> {
        Spec {
            functions: 1,
            loaders: &[("a", 1)],
            blobs: &[("a", b"alpha")],
            ..Spec::default()
        }
    }

    fn module(spec: Spec) -> Vec<u8> {
        let mut types = TypeSection::new();
        types.ty().function([ValType::I32; 3], []);
        let mut imports = ImportSection::new();
        imports.import("env", "f", EntityType::Function(0));
        let mut functions = FunctionSection::new();
        let mut code = CodeSection::new();
        for _ in 0..spec.functions {
            functions.function(0);
            let mut body = Function::new([]);
            body.instruction(&Instruction::Unreachable)
                .instruction(&Instruction::End);
            code.function(&body);
        }
        let mut exports = ExportSection::new();
        exports.export("memory", ExportKind::Memory, 0);
        for (name, function) in spec.loaders {
            exports.export(&format!("{PREFIX}{name}"), ExportKind::Func, *function);
        }
        let mut memories = MemorySection::new();
        memories.memory(MemoryType {
            minimum: 1,
            maximum: None,
            memory64: false,
            shared: false,
            page_size_log2: None,
        });
        let mut module = Encoder::new();
        module
            .section(&types)
            .section(&imports)
            .section(&functions)
            .section(&memories)
            .section(&exports);
        if spec.data_count {
            module.section(&DataCountSection { count: 1 });
        }
        module.section(&code);
        if !spec.without_data {
            let mut data = DataSection::new();
            data.active(0, &ConstExpr::i32_const(16), b"hot".iter().copied());
            module.section(&data);
        }
        for (name, bytes) in spec.blobs {
            module.section(&CustomSection {
                name: format!("{PREFIX}{name}").into(),
                data: (*bytes).into(),
            });
        }
        module.finish()
    }

    /// What a module holds: its exports' and custom sections' names, its
    /// segments (passive or not, bytes) and each body's instructions.
    #[derive(Debug, Default, PartialEq)]
    struct Read {
        exports: Vec<String>,
        customs: Vec<String>,
        segments: Vec<(bool, Vec<u8>)>,
        bodies: Vec<Vec<String>>,
    }

    fn read(bytes: &[u8]) -> Read {
        let mut read = Read::default();
        for payload in Parser::new(0).parse_all(bytes) {
            match payload.unwrap() {
                Payload::ExportSection(exports) => {
                    for export in exports {
                        read.exports.push(export.unwrap().name.to_owned());
                    }
                }
                Payload::CustomSection(section) => read.customs.push(section.name().to_owned()),
                Payload::DataSection(data) => {
                    for segment in data {
                        let segment = segment.unwrap();
                        let passive = matches!(segment.kind, wasmparser::DataKind::Passive);
                        read.segments.push((passive, segment.data.to_vec()));
                    }
                }
                Payload::CodeSectionEntry(body) => {
                    let operators = body.get_operators_reader().unwrap().into_iter();
                    let text = operators.map(|operator| format!("{:?}", operator.unwrap()));
                    read.bodies.push(text.collect());
                }
                _ => {}
            }
        }
        read
    }

    /// A loader's body once rewritten, as [`read`] shows it.
    fn memory_init_from(segment: u32) -> Vec<String> {
        vec![
            "LocalGet { local_index: 0 }".into(),
            "LocalGet { local_index: 1 }".into(),
            "LocalGet { local_index: 2 }".into(),
            format!("MemoryInit {{ data_index: {segment}, mem: 0 }}"),
            "End".into(),
        ]
    }

    #[test]
    fn blobs_become_passive_segments_and_loaders_memory_init() {
        let before = module(Spec {
            functions: 3,
            // The loaders are not in their sections' order, and function 2
            // is no loader.
            loaders: &[("b", 1), ("a", 3)],
            blobs: &[("a", b"alpha"), ("b", b"beta")],
            ..Spec::default()
        });
        let (after, count) = rewrite(&before).unwrap();
        assert_eq!(count, 2);
        let trap = vec!["Unreachable".to_string(), "End".into()];
        assert_eq!(
            read(&after),
            Read {
                exports: vec!["memory".into()],
                customs: vec![],
                // The module's own segment, then the blobs by NAME.
                segments: vec![
                    (false, b"hot".to_vec()),
                    (true, b"alpha".to_vec()),
                    (true, b"beta".to_vec()),
                ],
                bodies: vec![memory_init_from(2), trap, memory_init_from(1)],
            }
        );
        // Running again finds nothing to do and changes nothing.
        assert_eq!(rewrite(&after), Ok((after, 0)));
    }

    #[test]
    fn a_module_without_segments_gets_a_data_section() {
        let before = module(Spec {
            without_data: true,
            ..one_blob()
        });
        let (after, count) = rewrite(&before).unwrap();
        assert_eq!(count, 1);
        let read = read(&after);
        assert_eq!(read.segments, vec![(true, b"alpha".to_vec())]);
        assert_eq!(read.bodies, vec![memory_init_from(0)]);
    }

    #[test]
    fn modules_without_blobs_are_left_as_they_are() {
        let before = module(Spec {
            functions: 1,
            ..Spec::default()
        });
        assert_eq!(rewrite(&before), Ok((before, 0)));
    }

    #[test]
    fn a_data_count_section_counts_the_new_segments() {
        let before = module(Spec {
            data_count: true,
            ..one_blob()
        });
        // Validation fails unless the count is the segments' new number.
        let (after, count) = rewrite(&before).unwrap();
        assert_eq!(count, 1);
        assert_eq!(read(&after).bodies, vec![memory_init_from(1)]);
    }

    #[test]
    fn components_have_their_core_modules_rewritten() {
        let mut component = wasm_encoder::Component::new();
        component.section(&wasm_encoder::RawSection {
            id: wasm_encoder::ComponentSectionId::CoreModule as u8,
            data: &module(one_blob()),
        });
        let (after, count) = rewrite(&component.finish()).unwrap();
        assert_eq!(count, 1);
        assert!(Parser::is_component(&after));
        // The component holds the module as a rewrite of the module alone
        // gives it.
        assert_eq!(read(&after), read(&rewrite(&module(one_blob())).unwrap().0));
    }

    #[test]
    fn errors() {
        assert_eq!(
            rewrite(b"\0asm"),
            Err("not a wasm module or component".into())
        );
        // (loaders, blobs, the error)
        let table: [(Loaders, Blobs, &str); 4] = [
            (
                &[("a", 1), ("b", 2)],
                &[("a", b"alpha")],
                "loader passive-bytes:b has no section",
            ),
            (
                &[("a", 1)],
                &[("a", b"alpha"), ("c", b"gamma")],
                "section passive-bytes:c has no loader",
            ),
            // Function 0 is the import, whose body is not the module's.
            (
                &[("a", 0)],
                &[("a", b"alpha")],
                "a loader is an imported function, not one of the module's",
            ),
            // One function exported as two loaders: which segment it should
            // read is lost.
            (
                &[("a", 1), ("b", 1)],
                &[("a", b"alpha"), ("b", b"beta")],
                "two loaders are one function (the optimiser merged them)",
            ),
        ];
        for (loaders, blobs, error) in table {
            let spec = Spec {
                functions: 2,
                loaders,
                blobs,
                ..Spec::default()
            };
            assert_eq!(rewrite(&module(spec)), Err(error.to_string()), "{error}");
        }
    }
}
