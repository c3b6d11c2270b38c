//! The tree of a web page, as html5ever builds it, in one flat arena.
//!
//! The article reader needs what html2text's tree keeps to itself (text
//! nodes) and must walk trees of any depth without recursion, so it builds
//! its own: nodes in a `Vec`, linked by index to their parent, children and
//! siblings. Walking, measuring and dropping it never recurses, moving a
//! node is constant work, and the parser's work is counted as in
//! [`crate::formats::html`] (each look at an element's name or identity, and
//! each child moved from one element to another) so that the parse of a
//! hostile page is stopped when its work outgrows the page.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

use html5ever::interface::{ElemName, ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::StrTendril;
use html5ever::{Attribute, LocalName, Namespace, QualName, ns};

use crate::formats::html::Flattened;

/// The index of a node in [`Dom::nodes`].
pub(super) type NodeId = usize;

/// What a node is.
#[derive(Debug)]
pub(super) enum Data {
    /// The document, or a template's contents.
    Document,
    Element {
        /// The element's local name, lower case for HTML.
        name: LocalName,
        /// HTML, SVG or `MathML`.
        ns: Namespace,
        attrs: Vec<Attribute>,
    },
    Text(StrTendril),
    Comment(StrTendril),
    /// A doctype or processing instruction.
    Other,
}

/// A node and its links.
#[derive(Debug)]
pub(super) struct Node {
    pub data: Data,
    pub parent: Option<NodeId>,
    pub first_child: Option<NodeId>,
    pub last_child: Option<NodeId>,
    pub prev: Option<NodeId>,
    pub next: Option<NodeId>,
}

impl Node {
    fn new(data: Data) -> Self {
        Self {
            data,
            parent: None,
            first_child: None,
            last_child: None,
            prev: None,
            next: None,
        }
    }
}

/// A parsed page: node 0 is the document.
#[derive(Debug)]
pub(super) struct Dom {
    pub nodes: Vec<Node>,
}

impl Dom {
    pub const DOCUMENT: NodeId = 0;

    /// The local name of element `id`; `None` for other nodes and for
    /// elements that are not HTML.
    pub fn tag(&self, id: NodeId) -> Option<&str> {
        match &self.nodes.get(id)?.data {
            Data::Element { name, ns, .. } if *ns == ns!(html) => Some(name),
            _ => None,
        }
    }

    /// Whether `id` is the HTML element `name`.
    pub fn is(&self, id: NodeId, name: &str) -> bool {
        self.tag(id) == Some(name)
    }

    /// The value of attribute `name` of element `id`.
    pub fn attr(&self, id: NodeId, name: &str) -> Option<&str> {
        match &self.nodes.get(id)?.data {
            Data::Element { attrs, .. } => attrs
                .iter()
                .find(|a| a.name.ns == ns!() && &*a.name.local == name)
                .map(|a| &*a.value),
            _ => None,
        }
    }

    /// The children of `id`, in order.
    pub fn children(&self, id: NodeId) -> Children<'_> {
        Children {
            dom: self,
            next: self.nodes.get(id).and_then(|n| n.first_child),
        }
    }

    /// `id` and everything inside it, in document order, without recursion.
    pub fn descendants(&self, id: NodeId) -> Descendants<'_> {
        Descendants {
            dom: self,
            root: id,
            next: Some(id),
        }
    }

    /// The node after `id` in document order, not entering `id`'s children,
    /// and staying inside `root`.
    pub fn next_skipping(&self, id: NodeId, root: NodeId) -> Option<NodeId> {
        let mut at = id;
        loop {
            if at == root {
                return None;
            }
            let node = self.nodes.get(at)?;
            if let Some(next) = node.next {
                return Some(next);
            }
            at = node.parent?;
        }
    }

    /// The node after `id` in document order inside `root`.
    pub fn next_in(&self, id: NodeId, root: NodeId) -> Option<NodeId> {
        match self.nodes.get(id).and_then(|n| n.first_child) {
            Some(child) => Some(child),
            None => self.next_skipping(id, root),
        }
    }

    /// Whether `inner` is `outer` or inside it.
    pub fn contains(&self, outer: NodeId, inner: NodeId) -> bool {
        let mut at = Some(inner);
        while let Some(id) = at {
            if id == outer {
                return true;
            }
            at = self.nodes.get(id).and_then(|n| n.parent);
        }
        false
    }

    /// The first element of `tag` in the document.
    pub fn find(&self, tag: &str) -> Option<NodeId> {
        self.descendants(Self::DOCUMENT)
            .find(|&id| self.is(id, tag))
    }
}

pub(super) struct Children<'a> {
    dom: &'a Dom,
    next: Option<NodeId>,
}

impl Iterator for Children<'_> {
    type Item = NodeId;

    fn next(&mut self) -> Option<NodeId> {
        let id = self.next?;
        self.next = self.dom.nodes.get(id).and_then(|n| n.next);
        Some(id)
    }
}

pub(super) struct Descendants<'a> {
    dom: &'a Dom,
    root: NodeId,
    next: Option<NodeId>,
}

impl Iterator for Descendants<'_> {
    type Item = NodeId;

    fn next(&mut self) -> Option<NodeId> {
        let id = self.next?;
        self.next = self.dom.next_in(id, self.root);
        Some(id)
    }
}

/// Parses `html` into a [`Dom`], stopped as [`crate::formats::html`] stops
/// its parse when the parser's work outgrows the page.
pub(super) fn parse(html: &str) -> Result<Dom, Flattened> {
    let work = Rc::new(Cell::new(0_usize));
    let sink = Sink {
        nodes: RefCell::new(vec![Node::new(Data::Document)]),
        templates: RefCell::new(Vec::new()),
        work: Rc::clone(&work),
    };
    crate::formats::html::parse_counted_into(html, sink, &work)
}

/// An element's name, handed to the parser (a copy: the arena may grow
/// while the parser holds it).
#[derive(Debug)]
pub(super) struct Name(QualName);

impl ElemName for Name {
    fn ns(&self) -> &Namespace {
        &self.0.ns
    }

    fn local_name(&self) -> &LocalName {
        &self.0.local
    }
}

/// The parser's side of the arena.
struct Sink {
    nodes: RefCell<Vec<Node>>,
    /// (template element, its contents).
    templates: RefCell<Vec<(NodeId, NodeId)>>,
    work: Rc<Cell<usize>>,
}

impl Sink {
    fn count(&self, n: usize) {
        self.work.set(self.work.get().saturating_add(n));
    }

    fn push(&self, data: Data) -> NodeId {
        let mut nodes = self.nodes.borrow_mut();
        nodes.push(Node::new(data));
        nodes.len() - 1
    }

    /// Takes `id` out of its parent's children.
    fn detach(nodes: &mut [Node], id: NodeId) {
        let Some(node) = nodes.get(id) else {
            return;
        };
        let (parent, prev, next) = (node.parent, node.prev, node.next);
        if let Some(p) = prev {
            nodes[p].next = next;
        } else if let Some(parent) = parent {
            nodes[parent].first_child = next;
        }
        if let Some(n) = next {
            nodes[n].prev = prev;
        } else if let Some(parent) = parent {
            nodes[parent].last_child = prev;
        }
        let node = &mut nodes[id];
        node.parent = None;
        node.prev = None;
        node.next = None;
    }

    /// Makes the detached node `id` the last child of `parent`.
    fn link_last(nodes: &mut [Node], parent: NodeId, id: NodeId) {
        if id >= nodes.len() || parent >= nodes.len() || id == parent {
            return;
        }
        let last = nodes[parent].last_child;
        {
            let node = &mut nodes[id];
            node.parent = Some(parent);
            node.prev = last;
            node.next = None;
        }
        match last {
            Some(l) => nodes[l].next = Some(id),
            None => nodes[parent].first_child = Some(id),
        }
        nodes[parent].last_child = Some(id);
    }

    /// Makes the detached node `id` the sibling just before `sibling`.
    fn link_before(nodes: &mut [Node], sibling: NodeId, id: NodeId) {
        if id >= nodes.len() || sibling >= nodes.len() || id == sibling {
            return;
        }
        let (parent, prev) = (nodes[sibling].parent, nodes[sibling].prev);
        {
            let node = &mut nodes[id];
            node.parent = parent;
            node.prev = prev;
            node.next = Some(sibling);
        }
        nodes[sibling].prev = Some(id);
        match prev {
            Some(p) => nodes[p].next = Some(id),
            None => {
                if let Some(parent) = parent {
                    nodes[parent].first_child = Some(id);
                }
            }
        }
    }

    /// Appends `text` to the text node `id`; `false` when it is no text.
    fn extend_text(nodes: &mut [Node], id: Option<NodeId>, text: &StrTendril) -> bool {
        match id.and_then(|id| nodes.get_mut(id)).map(|n| &mut n.data) {
            Some(Data::Text(existing)) => {
                existing.push_tendril(text);
                true
            }
            _ => false,
        }
    }
}

impl TreeSink for Sink {
    type Handle = NodeId;
    type Output = Dom;
    type ElemName<'a> = Name;

    fn finish(self) -> Dom {
        Dom {
            nodes: self.nodes.into_inner(),
        }
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> NodeId {
        Dom::DOCUMENT
    }

    fn elem_name(&self, target: &NodeId) -> Name {
        self.count(1);
        let nodes = self.nodes.borrow();
        match nodes.get(*target).map(|n| &n.data) {
            Some(Data::Element { name, ns, .. }) => {
                Name(QualName::new(None, ns.clone(), name.clone()))
            }
            _ => Name(QualName::new(None, ns!(), LocalName::from(""))),
        }
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> NodeId {
        let id = self.push(Data::Element {
            ns: name.ns,
            name: name.local,
            attrs,
        });
        if flags.template {
            let contents = self.push(Data::Document);
            self.templates.borrow_mut().push((id, contents));
        }
        id
    }

    fn create_comment(&self, text: StrTendril) -> NodeId {
        self.push(Data::Comment(text))
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> NodeId {
        self.push(Data::Other)
    }

    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        let mut nodes = self.nodes.borrow_mut();
        match child {
            NodeOrText::AppendNode(id) => {
                Self::detach(&mut nodes, id);
                Self::link_last(&mut nodes, *parent, id);
            }
            NodeOrText::AppendText(text) => {
                let last = nodes.get(*parent).and_then(|n| n.last_child);
                if !Self::extend_text(&mut nodes, last, &text) {
                    nodes.push(Node::new(Data::Text(text)));
                    let id = nodes.len() - 1;
                    Self::link_last(&mut nodes, *parent, id);
                }
            }
        }
    }

    fn append_based_on_parent_node(
        &self,
        element: &NodeId,
        prev_element: &NodeId,
        child: NodeOrText<NodeId>,
    ) {
        let has_parent = self
            .nodes
            .borrow()
            .get(*element)
            .is_some_and(|n| n.parent.is_some());
        if has_parent {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(
        &self,
        _name: StrTendril,
        _public: StrTendril,
        _system: StrTendril,
    ) {
        let id = self.push(Data::Other);
        Self::link_last(&mut self.nodes.borrow_mut(), Dom::DOCUMENT, id);
    }

    fn get_template_contents(&self, target: &NodeId) -> NodeId {
        self.templates
            .borrow()
            .iter()
            .find(|(t, _)| t == target)
            .map_or(*target, |&(_, contents)| contents)
    }

    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        self.count(1);
        x == y
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &NodeId, new_node: NodeOrText<NodeId>) {
        let mut nodes = self.nodes.borrow_mut();
        match new_node {
            NodeOrText::AppendNode(id) => {
                Self::detach(&mut nodes, id);
                Self::link_before(&mut nodes, *sibling, id);
            }
            NodeOrText::AppendText(text) => {
                let prev = nodes.get(*sibling).and_then(|n| n.prev);
                if !Self::extend_text(&mut nodes, prev, &text) {
                    nodes.push(Node::new(Data::Text(text)));
                    let id = nodes.len() - 1;
                    Self::link_before(&mut nodes, *sibling, id);
                }
            }
        }
    }

    fn add_attrs_if_missing(&self, target: &NodeId, attrs: Vec<Attribute>) {
        let mut nodes = self.nodes.borrow_mut();
        if let Some(Data::Element {
            attrs: existing, ..
        }) = nodes.get_mut(*target).map(|n| &mut n.data)
        {
            self.count(attrs.len().saturating_mul(existing.len()));
            for attr in attrs {
                if !existing.iter().any(|e| e.name == attr.name) {
                    existing.push(attr);
                }
            }
        }
    }

    fn remove_from_parent(&self, target: &NodeId) {
        Self::detach(&mut self.nodes.borrow_mut(), *target);
    }

    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        let mut nodes = self.nodes.borrow_mut();
        let mut child = nodes.get(*node).and_then(|n| n.first_child);
        let mut moved = 0;
        while let Some(id) = child {
            child = nodes[id].next;
            Self::detach(&mut nodes, id);
            Self::link_last(&mut nodes, *new_parent, id);
            moved += 1;
        }
        self.count(moved);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(dom: &Dom, id: NodeId) -> String {
        dom.descendants(id)
            .filter_map(|n| match &dom.nodes[n].data {
                Data::Text(t) => Some(t.to_string()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn builds_the_tree_a_browser_builds() {
        // Misnested formatting (the adoption agency moves nodes), implied
        // ends and foster-parented table text.
        let dom =
            parse("<p>One <b>two <i>three</b> four</i><p>five<table>six<tr><td>seven</table>")
                .unwrap();
        let body = dom.find("body").unwrap();
        assert_eq!(text_of(&dom, body), "One two three fourfivesixseven");
        let paragraphs: Vec<NodeId> = dom.children(body).collect();
        assert_eq!(paragraphs.len(), 2);
        assert_eq!(text_of(&dom, paragraphs[0]), "One two three four");
        assert!(dom.is(paragraphs[1], "p"));
        assert_eq!(dom.attr(dom.find("html").unwrap(), "lang"), None);
    }

    #[test]
    fn templates_hold_their_contents_apart() {
        let dom = parse("<template><p>hidden</p></template><p>shown").unwrap();
        let body = dom.find("body").unwrap();
        assert_eq!(text_of(&dom, body), "shown");
    }

    #[test]
    fn attributes_and_namespaces() {
        let dom = parse("<div class='a b' data-x=1><svg><title>icon</title></svg></div>").unwrap();
        let div = dom.find("div").unwrap();
        assert_eq!(dom.attr(div, "class"), Some("a b"));
        assert_eq!(dom.attr(div, "data-x"), Some("1"));
        // An SVG title is not the page's title.
        assert_eq!(dom.find("title"), None);
    }
}
