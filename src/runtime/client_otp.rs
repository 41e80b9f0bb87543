//! The client's DynamicSupervisor and Registry calls (the rest of `Client` is in
//! `client.rs`).

use std::sync::atomic::Ordering;
use std::sync::Arc;

use super::child_spec::ChildSpec;
use super::client::Client;
use super::gen_server::{self, NameSpec};
use super::process::{Behaviour, Msg, Name, Process};
use super::registry::{Found, RegistryTable};
use super::registry_proc::{self, RegistryPartition, RegistrySpec, RegistrySup};
use super::supervisor::{self, Options};
use super::{select, signals, text};
use crate::error::Error;
use crate::term::{Atom, Pid, Term};

/// A registry's supervisor and its partitions' pids.
type RegistryStarted = (Arc<Process>, Vec<Pid>);

fn call_mfa(server: &Term, request: &Term) -> Term {
    Term::tuple(vec![
        Term::module("GenServer"),
        Term::atom("call"),
        Term::list(vec![
            server.clone(),
            request.clone(),
            Term::atom("infinity"),
        ]),
    ])
}

impl Client {
    /// A call to a supervisor, with `:infinity` timeout as DynamicSupervisor makes it.
    fn sup_call(&self, sup: &Term, request: Term) -> Result<Term, Error> {
        let for_exit = request.clone();
        self.call_as(sup, request, None, move || call_mfa(sup, &for_exit))
    }

    /// `DSupervisor.start_link(arg)` (module Some) or `DynamicSupervisor.start_link(opts)`.
    pub fn supervisor_start(
        &self,
        module: Option<&Atom>,
        opts: &Term,
        link: bool,
    ) -> Result<Term, Error> {
        let (module_term, name, options) = match module {
            Some(m) if m.name() == "Elixir.DSupervisor" => (
                Term::Atom(m.clone()),
                NameSpec::Local(m.clone()),
                // DSupervisor's init ignores its argument; its state keeps it.
                Options::parse(&Term::empty_list()).map(|o| Options {
                    args: opts.clone(),
                    ..o
                }),
            ),
            Some(m) => {
                return Err(Error::raise_message(
                    "UndefinedFunctionError",
                    format!(
                        "function {}.start_link/1 is undefined (module {} is not available)",
                        text::atom(m),
                        text::atom(m)
                    ),
                ))
            }
            None => return self.supervisor_start_as(Term::module("DynamicSupervisor"), opts, link),
        };
        let options = match options {
            Ok(options) => options,
            Err(data) => return Ok(self.failed_init(data, link)),
        };
        supervisor::start(&self.rt, module_term, name, options, &self.proc, link)
    }

    /// A DynamicSupervisor with the flags and `name:` in `opts`, whose callback module
    /// is `module` (`DynamicSupervisor` itself, or a learner's module whose `init/1`
    /// gave the flags).
    pub fn supervisor_start_as(
        &self,
        module: Term,
        opts: &Term,
        link: bool,
    ) -> Result<Term, Error> {
        let name = opts.keyword_get("name").cloned().unwrap_or(Term::nil());
        let name = gen_server::parse_name(&self.rt, &name)?;
        let options = match Options::parse(opts) {
            Ok(options) => options,
            Err(data) => return Ok(self.failed_init(data, link)),
        };
        supervisor::start(&self.rt, module, name, options, &self.proc, link)
    }

    /// A supervisor whose flags are bad exits with `{:supervisor_data, data}`: the
    /// starter gets `{:error, reason}` and, if linked, the exit signal too (iex's shell
    /// dies of it). Its process was spawned, so its pid is used up.
    fn failed_init(&self, data: Term, link: bool) -> Term {
        let reason = Term::tuple(vec![Term::atom("supervisor_data"), data]);
        if let Ok(from) = self.rt.inner.table.reserve() {
            self.rt.inner.table.release();
            if link {
                signals::exit_signal(&self.rt, from, &self.proc, reason.clone());
            }
        }
        Term::error_tuple(reason)
    }

    /// `DynamicSupervisor.start_child/2`.
    pub fn start_child(&self, sup: &Term, spec: &Term) -> Result<Term, Error> {
        let user_spec = self.user_child_spec(spec)?;
        let spec = user_spec.as_ref().unwrap_or(spec);
        let spec = match ChildSpec::parse(spec)? {
            Ok(spec) => spec,
            Err(reason) => return Ok(Term::error_tuple(reason)),
        };
        let for_exit = spec.clone();
        let mfa = move || {
            let request = Term::tuple(vec![Term::atom("start_child"), for_exit.to_term()]);
            call_mfa(sup, &request)
        };
        let make = |from, tag| Msg::StartChild { from, tag, spec };
        self.call_with(sup, make, None, mfa)
    }

    /// A child given to a Supervisor as its spec map (a learner's module asked for its
    /// `child_spec/1`), with its id.
    pub(crate) fn child_spec_map(&self, child: &Term) -> Result<Term, Error> {
        match self.user_child_spec(child)? {
            Some(map) => super::supervisor_child_spec(&map, &Term::empty_list()),
            None => super::supervisor_child_spec(child, &Term::empty_list()),
        }
    }

    /// `Supervisor.start_link/2,3`: `flags` as `Supervisor.init/2` made them, `children`
    /// as spec maps.
    pub fn static_supervisor_start(
        &self,
        module: Term,
        children: &Term,
        flags: &Term,
        opts: &Term,
        link: bool,
    ) -> Result<super::static_supervisor::Started, Error> {
        let name = opts.keyword_get("name").cloned().unwrap_or(Term::nil());
        let name = gen_server::parse_name(&self.rt, &name)?;
        let Some(flags) = super::static_supervisor::Flags::from_map(flags) else {
            let reason = Term::tuple(vec![Term::atom("supervisor_data"), flags.clone()]);
            return Ok((Term::error_tuple(reason), None));
        };
        let mut parsed = Vec::new();
        for child in children.as_list().unwrap_or(&[]) {
            let map = self.child_spec_map(child)?;
            let id = match &map {
                Term::Map(m) => m.get(&Term::atom("id")).cloned().unwrap_or_else(Term::nil),
                _ => Term::nil(),
            };
            match ChildSpec::parse(&map)? {
                Ok(spec) => parsed.push((id, spec)),
                Err(reason) => {
                    let reason = Term::tuple(vec![Term::atom("start_spec"), reason]);
                    return Ok((Term::error_tuple(reason), None));
                }
            }
        }
        super::static_supervisor::start(&self.rt, module, name, flags, parsed, &self.proc, link)
    }

    /// `Supervisor.start_child/2` on a static supervisor.
    pub fn static_start_child(&self, sup: &Term, child: &Term) -> Result<Term, Error> {
        let map = self.child_spec_map(child)?;
        let id = match &map {
            Term::Map(m) => m.get(&Term::atom("id")).cloned().unwrap_or_else(Term::nil),
            _ => Term::nil(),
        };
        let spec = match ChildSpec::parse(&map)? {
            Ok(spec) => spec,
            Err(reason) => return Ok(Term::error_tuple(reason)),
        };
        let request = super::tuple([
            Term::atom("start_child"),
            Term::tuple(vec![id, spec.to_term()]),
        ]);
        self.sup_call(sup, request)
    }

    /// A call to a supervisor (`{:restart_child, id}`...), as `Supervisor` makes it.
    pub fn supervisor_call(&self, sup: &Term, request: Term) -> Result<Term, Error> {
        self.sup_call(sup, request)
    }

    /// The child spec a learner's module gives for `{Module, arg}` or `Module` (its
    /// `child_spec/1`), or None when the module is not theirs.
    pub(crate) fn user_child_spec(&self, spec: &Term) -> Result<Option<Term>, Error> {
        let (module, arg) = match spec {
            Term::Atom(m) => (m, Term::empty_list()),
            _ => match spec.as_tuple() {
                Some([Term::Atom(m), arg]) => (m, arg.clone()),
                _ => return Ok(None),
            },
        };
        let code = self.rt.code();
        if !code.has(module.name()) {
            return Ok(None);
        }
        code.run(&self.rt, &self.proc, module.name(), "child_spec", vec![arg])
            .transpose()
    }

    /// `DynamicSupervisor.terminate_child/2`: `:ok` or `{:error, :not_found}`.
    pub fn terminate_child(&self, sup: &Term, pid: &Term) -> Result<Term, Error> {
        let tag = self.rt.inner.consts.terminate_child.clone();
        let request = super::tuple([tag, pid.clone()]);
        self.sup_call(sup, request)
    }

    pub fn which_children(&self, sup: &Term) -> Result<Term, Error> {
        self.sup_call(sup, Term::atom("which_children"))
    }

    pub fn count_children(&self, sup: &Term) -> Result<Term, Error> {
        self.sup_call(sup, Term::atom("count_children"))
    }

    /// `Registry.start_link(keys: :unique | :duplicate, name: atom, partitions: n)`.
    pub fn registry_start(&self, opts: &Term, link: bool) -> Result<Term, Error> {
        let keys = opts.keyword_get("keys").cloned().unwrap_or(Term::nil());
        let unique = match keys.as_atom().map(|a| a.name()) {
            Some("unique") => true,
            Some("duplicate") => false,
            _ => {
                return Err(Error::argument(format!(
                    "expected :keys to be given and be one of :unique or :duplicate, got: {}",
                    text::term(&keys)
                )))
            }
        };
        let name = match opts.keyword_get("name") {
            Some(Term::Atom(a)) => a.clone(),
            Some(other) => {
                return Err(Error::argument(format!(
                    "expected :name to be an atom, got: {}",
                    text::term(other)
                )))
            }
            None => return Err(Error::argument("expected :name option to be present")),
        };
        let meta = opts
            .keyword_get("meta")
            .cloned()
            .unwrap_or_else(Term::empty_list);
        if !is_keyword(&meta) {
            return Err(Error::argument(format!(
                "expected :meta to be a keyword list, got: {}",
                text::term(&meta)
            )));
        }
        let partitions = match opts.keyword_get("partitions") {
            None => 1,
            Some(Term::Int(n @ 1..)) => *n as usize,
            Some(other) => {
                return Err(Error::argument(format!(
                    "expected :partitions to be a positive integer, got: {}",
                    text::term(other)
                )))
            }
        };
        let listeners = opts
            .keyword_get("listeners")
            .cloned()
            .unwrap_or_else(Term::empty_list);
        if let Some(holder) = self.rt.inner.names.whereis(&name) {
            return Ok(already_started(holder.pid));
        }
        let spec = RegistrySpec {
            name: name.clone(),
            unique,
            listeners,
            meta: meta.clone(),
        };
        let (reg, pids) = match self.spawn_registry(spec, partitions)? {
            Ok(started) => started,
            Err(holder) => return Ok(already_started(holder)),
        };
        let table = Arc::new(RegistryTable::new(
            name.clone(),
            pids,
            unique,
            self.rt.make_ref(),
        ));
        for pair in meta.as_list().unwrap_or(&[]) {
            if let Some([k, v]) = pair.as_tuple() {
                table.put_meta(k.clone(), v.clone());
            }
        }
        reg.add_name(Name::Registry(table.clone()));
        self.rt.inner.registries.insert(table);
        if link {
            signals::link(&reg, &self.proc);
        }
        Ok(Term::ok_tuple(Term::Pid(reg.pid)))
    }

    /// The supervisor and its partitions, named and linked; the name's holder if taken.
    fn spawn_registry(
        &self,
        spec: RegistrySpec,
        partitions: usize,
    ) -> Result<Result<RegistryStarted, Pid>, Error> {
        let rt = &self.rt;
        // Not `with_capacity(partitions + 1)`: the count is the user's, and only the
        // process limit below bounds it.
        let mut pids = Vec::new();
        for _ in 0..=partitions {
            match rt.inner.table.reserve() {
                Ok(p) => pids.push(p),
                Err(e) => {
                    pids.iter().for_each(|_| rt.inner.table.release());
                    return Err(e);
                }
            }
        }
        let sup_pid = pids[0];
        let mut names = Vec::with_capacity(partitions);
        let mut parts = Vec::with_capacity(partitions);
        for (i, pid) in pids[1..].iter().enumerate() {
            let name = intern(rt, &spec.partition_name("PID", i));
            // The key tables' names exist on the BEAM too (they count as atoms).
            intern(rt, &spec.partition_name("Key", i));
            let behaviour = RegistryPartition {
                parent: sup_pid,
                table: rt.make_ref(),
            };
            let part = spawn_trapping(rt, *pid, Box::new(behaviour));
            if rt.inner.names.register(&name, &part).is_ok() {
                part.add_name(Name::Local(name.clone()));
            }
            names.push((name, *pid));
            parts.push(part);
        }
        let reg_name = spec.name.clone();
        let sup = RegistrySup {
            parent: self.pid(),
            spec,
            partitions: names,
            restarts: Default::default(),
        };
        let reg = spawn_trapping(rt, sup_pid, Box::new(sup));
        if let Err(holder) = rt.inner.names.register(&reg_name, &reg) {
            for p in parts.iter().chain([&reg]) {
                signals::die(rt, p, Term::atom("normal"));
            }
            return Ok(Err(holder.pid));
        }
        reg.add_name(Name::Local(reg_name));
        for part in &parts {
            signals::link(&reg, part);
        }
        Ok(Ok((reg, parts.iter().map(|p| p.pid).collect())))
    }

    /// `Registry.register/3` for this process: `{:ok, owner}` or
    /// `{:error, {:already_registered, pid}}`.
    pub fn registry_register(&self, reg: &Term, key: Term, value: Term) -> Result<Term, Error> {
        // A key the shell's kill left behind is free again on the BEAM (its holder is
        // dead): the held-back cleanup happens first.
        self.rt.release_deferred();
        let table = self.rt.inner.registries.resolve(reg)?;
        match table.insert(key.clone(), &self.proc, value) {
            Ok(()) => {
                self.proc.add_name(Name::Via(table.clone(), key));
                registry_proc::link_owner(&self.rt, &table, &self.proc);
                Ok(Term::ok_tuple(Term::Pid(table.owner(self.pid()))))
            }
            Err(holder) => Ok(Term::error_tuple(Term::tuple(vec![
                Term::atom("already_registered"),
                Term::Pid(holder),
            ]))),
        }
    }

    pub fn registry_unregister(&self, reg: &Term, key: &Term) -> Result<Term, Error> {
        let table = self.rt.inner.registries.resolve(reg)?;
        table.remove_entry(key, self.pid());
        self.proc
            .meta
            .lock()
            .unwrap()
            .names
            .retain(|n| !matches!(n, Name::Via(t, k) if Arc::ptr_eq(t, &table) && k == key));
        registry_proc::unlink_owner_if_unregistered(&self.rt, &table, &self.proc);
        Ok(Term::ok())
    }

    pub fn registry_lookup(&self, reg: &Term, key: &Term) -> Result<Term, Error> {
        let entries = self.registry_entries(reg, key)?;
        Ok(pairs(
            entries
                .into_iter()
                .map(|(p, v)| (p, v.unwrap_or_else(Term::nil))),
        ))
    }

    /// `Registry.keys/2`: the keys `pid` holds in `reg`.
    pub fn registry_keys(&self, reg: &Term, pid: Pid) -> Result<Term, Error> {
        let table = self.rt.inner.registries.resolve(reg)?;
        let Some(proc) = self.rt.inner.table.get(pid) else {
            return Ok(Term::empty_list());
        };
        let meta = proc.meta.lock().unwrap();
        let keys = meta
            .names
            .iter()
            .filter_map(|n| match n {
                Name::Via(t, k) if Arc::ptr_eq(t, &table) => Some(k.clone()),
                _ => None,
            })
            .rev()
            .collect();
        Ok(Term::list(keys))
    }

    pub fn registry_count(&self, reg: &Term) -> Result<Term, Error> {
        let table = self.rt.inner.registries.resolve(reg)?;
        Ok(Term::Int(table.count() as i64))
    }

    /// `Registry.values/3`: the values `pid` registered under `key`.
    pub fn registry_values(&self, reg: &Term, key: &Term, pid: Pid) -> Result<Term, Error> {
        let entries = self.registry_entries(reg, key)?;
        Ok(Term::list(
            entries
                .into_iter()
                .filter(|(p, _)| *p == pid)
                .map(|(_, v)| v.unwrap_or_else(Term::nil))
                .collect(),
        ))
    }

    /// `Registry.meta/2`: `{:ok, value}` or `:error`.
    pub fn registry_meta(&self, reg: &Term, key: &Term) -> Result<Term, Error> {
        let table = self.rt.inner.registries.resolve_for_meta(reg)?;
        Ok(table.meta(key).map_or(Term::atom("error"), Term::ok_tuple))
    }

    pub fn registry_put_meta(&self, reg: &Term, key: Term, value: Term) -> Result<Term, Error> {
        let table = self.rt.inner.registries.resolve(reg)?;
        table.put_meta(key, value);
        Ok(Term::ok())
    }

    pub fn registry_select(&self, reg: &Term, spec: &Term) -> Result<Term, Error> {
        self.select_all("select", reg, spec).map(Term::list)
    }

    /// `Registry.count_select/2`: how many entries the spec maps to `true`.
    pub fn registry_count_select(&self, reg: &Term, spec: &Term) -> Result<Term, Error> {
        let results = self.select_all("count_select", reg, spec)?;
        Ok(Term::Int(
            results.iter().filter(|t| t.is_atom("true")).count() as i64,
        ))
    }

    /// Runs a match spec over every entry of `reg`, for `Registry.function/2` (the name
    /// its errors give).
    fn select_all(
        &self,
        function: &'static str,
        reg: &Term,
        spec: &Term,
    ) -> Result<Vec<Term>, Error> {
        let table = self.rt.inner.registries.resolve(reg)?;
        let site = select::Site {
            function,
            table: table.ets,
            caller: self.pid(),
        };
        select::select(&site, spec, &table.all())
    }

    /// `Registry.match/4` (or `count_match/4`, for its spec error): `[{pid, value}]`
    /// under `key` whose value matches.
    pub fn registry_match(
        &self,
        function: &str,
        reg: &Term,
        key: &Term,
        pattern: &Term,
        guards: &Term,
    ) -> Result<Term, Error> {
        let table = self.rt.inner.registries.resolve(reg)?;
        self.check_match(function, &table, key, None, pattern, guards)?;
        Ok(pairs(table.match_entries(
            key,
            pattern,
            guards,
            self.pid(),
        )?))
    }

    /// ETS's check of the clause the `*match` functions build from `guards`.
    fn check_match(
        &self,
        function: &str,
        table: &RegistryTable,
        key: &Term,
        owner: Option<Pid>,
        pattern: &Term,
        guards: &Term,
    ) -> Result<(), Error> {
        let site = select::Site {
            function,
            table: table.ets,
            caller: self.pid(),
        };
        let guards = guards.as_list().unwrap_or(&[]);
        select::check_match(&site, key, owner, pattern, guards)
    }

    /// `Registry.unregister_match/4`: drops this process's matching entries.
    pub fn registry_unregister_match(
        &self,
        reg: &Term,
        key: &Term,
        pattern: &Term,
        guards: &Term,
    ) -> Result<Term, Error> {
        let table = self.rt.inner.registries.resolve(reg)?;
        let owner = Some(self.pid());
        self.check_match("unregister_match", &table, key, owner, pattern, guards)?;
        let mut removed = table.unregister_match(key, self.pid(), pattern, guards)?;
        // One name per registration: forget as many as went (the newest first).
        let mut meta = self.proc.meta.lock().unwrap();
        let mut i = meta.names.len();
        while removed > 0 && i > 0 {
            i -= 1;
            if matches!(&meta.names[i], Name::Via(t, k) if Arc::ptr_eq(t, &table) && k == key) {
                meta.names.remove(i);
                removed -= 1;
            }
        }
        drop(meta);
        registry_proc::unlink_owner_if_unregistered(&self.rt, &table, &self.proc);
        Ok(Term::ok())
    }

    /// Live `(pid, value)` entries under `key` (lookup, dispatch).
    #[inline]
    pub fn registry_entries(&self, reg: &Term, key: &Term) -> Result<Found, Error> {
        // The registry named last, read without `RefCell::borrow`: its flag's write and
        // rewrite cost a run of lookups 0.04–0.05 µs each at 1M keys (the next lookup's
        // slot read waits behind them), a third of the whole. SAFETY: no mutable borrow
        // exists (`try_borrow_unguarded` checks), and none can start while `table` is
        // used: `lookup` reads the registry's table and nothing of this client.
        if let (Some(name), Ok(Some((named, table)))) = (reg.as_atom(), unsafe {
            self.last_registry.try_borrow_unguarded()
        }) {
            if named.same_ref(name) && !table.is_closed() {
                return Ok(table.lookup(key));
            }
        }
        self.with_registry(reg, |table| table.lookup(key))
    }

    /// Runs `f` on the registry `reg` names: the one this client named last if it is
    /// still open (no lock, no atomic write), else the node's (iex's error if none).
    #[inline]
    fn with_registry<R>(
        &self,
        reg: &Term,
        f: impl FnOnce(&RegistryTable) -> R,
    ) -> Result<R, Error> {
        let last = self.last_registry.borrow();
        match (reg.as_atom(), &*last) {
            // The caller's own atom again (a loop's): a pointer comparison.
            (Some(name), Some((named, table)))
                if (named.same_ref(name) || table.name == *name) && !table.is_closed() =>
            {
                Ok(f(table))
            }
            _ => {
                drop(last);
                let table = self.name_registry(reg)?;
                Ok(f(&table))
            }
        }
    }

    /// The registry `reg` names, remembered as the one this client named last.
    #[inline(never)]
    fn name_registry(&self, reg: &Term) -> Result<Arc<RegistryTable>, Error> {
        let table = self.rt.inner.registries.resolve(reg)?;
        if let Some(name) = reg.as_atom() {
            *self.last_registry.borrow_mut() = Some((name.clone(), table.clone()));
        }
        Ok(table)
    }

    /// `Registry.update_value/3` for this process: `{new, old}` or `:error`.
    pub fn registry_update_value(
        &self,
        reg: &Term,
        key: &Term,
        f: &mut dyn FnMut(Term) -> Result<Term, Error>,
    ) -> Result<Term, Error> {
        let table = self.rt.inner.registries.resolve(reg)?;
        if !table.unique {
            return Err(Error::argument(
                "Registry.update_value/3 is not supported for duplicate registries",
            ));
        }
        table.update_value(key, self.pid(), f)
    }

    /// The names of live registries (completion, `registries` command).
    pub fn registry_names(&self) -> Vec<Term> {
        self.rt.inner.registries.names()
    }

    /// Every key in a registry, sorted, without duplicates.
    pub fn registry_keys_all(&self, reg: &Term) -> Vec<Term> {
        let Ok(table) = self.rt.inner.registries.resolve(reg) else {
            return Vec::new();
        };
        let mut keys: Vec<Term> = table.all().into_iter().map(|(k, _, _)| k).collect();
        keys.sort();
        keys.dedup();
        keys
    }
}

fn pairs(entries: impl IntoIterator<Item = (Pid, Term)>) -> Term {
    Term::list(
        entries
            .into_iter()
            .map(|(p, v)| Term::tuple(vec![Term::Pid(p), v]))
            .collect(),
    )
}

/// `Keyword.keyword?/1`
fn is_keyword(t: &Term) -> bool {
    t.as_list().is_some_and(|items| {
        items
            .iter()
            .all(|i| matches!(i.as_tuple(), Some([Term::Atom(_), _])))
    })
}

fn already_started(pid: Pid) -> Term {
    Term::error_tuple(Term::tuple(vec![
        Term::atom("already_started"),
        Term::Pid(pid),
    ]))
}

/// A registry supervisor or partition process: both trap exits.
fn spawn_trapping(rt: &super::Runtime, pid: Pid, behaviour: Box<dyn Behaviour>) -> Arc<Process> {
    let proc = Arc::new(Process::new(pid, Some(behaviour)));
    proc.trap_exit.store(true, Ordering::Release);
    rt.inner.table.insert(proc.clone());
    proc
}

/// An atom the registry makes, counted in the atom table as on the BEAM.
fn intern(rt: &super::Runtime, name: &str) -> Atom {
    rt.atoms()
        .intern(name)
        .unwrap_or_else(|_| Atom::from_static(name))
}
