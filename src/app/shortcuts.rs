//! The keyboard shortcuts: one table of key chords, the [`Command`] each
//! gives and what it does. The input handling ([`read`]), the menus'
//! shortcut texts ([`text_for`]) and Help > Keyboard shortcuts all read
//! it, so they cannot disagree. The gestures and keys that widgets handle
//! themselves (zooming with the wheel, scrolling the lanes) are described
//! in [`GESTURES`] for Help.

use egui::{Key, KeyboardShortcut, Modifiers};

use super::Command;
use super::timeline::KEY_ZOOM;

/// Key chords that give a command, and what it does.
#[derive(Clone, Debug, PartialEq)]
pub struct Shortcut {
    /// The chords, any of which gives the command. A chord with Ctrl works
    /// while typing in a field; a plain key only when not typing (and with
    /// Shift too, which some keyboards need for `+`).
    pub chords: &'static [KeyboardShortcut],
    pub command: Command,
    /// What it does, for Help.
    pub description: &'static str,
    /// The same done with the mouse, for Help ("" when there is none).
    pub mouse: &'static str,
}

const fn ctrl(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND, key)
}

const fn ctrl_shift(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), key)
}

const fn plain(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::NONE, key)
}

const fn shortcut(
    chords: &'static [KeyboardShortcut],
    command: Command,
    description: &'static str,
) -> Shortcut {
    Shortcut {
        chords,
        command,
        description,
        mouse: "",
    }
}

/// Every keyboard shortcut, in the order Help lists them.
pub const SHORTCUTS: &[Shortcut] = &[
    shortcut(
        &[ctrl(Key::N)],
        Command::NewChronology,
        "Start a new, empty chronology",
    ),
    shortcut(&[ctrl(Key::O)], Command::OpenDialog, "Open a file"),
    shortcut(
        &[ctrl(Key::S)],
        Command::Save,
        "Save the chronology (a file of another format: under a new name)",
    ),
    shortcut(
        &[ctrl(Key::E)],
        Command::NewEventFromSelection,
        "Make an event of the passage selected in the source text",
    ),
    shortcut(&[ctrl(Key::Z)], Command::Undo, "Undo"),
    shortcut(&[ctrl_shift(Key::Z), ctrl(Key::Y)], Command::Redo, "Redo"),
    Shortcut {
        chords: &[plain(Key::Enter)],
        command: Command::OpenEditor(true),
        description: "Edit the selected event",
        mouse: "double-click the event",
    },
    shortcut(
        &[plain(Key::Delete)],
        Command::DeleteSelected,
        "Delete the selected event",
    ),
    shortcut(
        &[ctrl(Key::D)],
        Command::DuplicateSelected,
        "Duplicate the selected event",
    ),
    shortcut(
        &[ctrl(Key::R), plain(Key::F5)],
        Command::Reload,
        "Reload the files from disk",
    ),
    shortcut(
        &[ctrl_shift(Key::S)],
        Command::SaveAsDialog,
        "Save what is shown as a Chronoscope file",
    ),
    shortcut(
        &[ctrl(Key::L)],
        Command::ToggleEventList,
        "Show or hide the event list",
    ),
    shortcut(
        &[ctrl(Key::M)],
        Command::ToggleMap,
        "Show or hide the map of the events' places",
    ),
    shortcut(
        &[ctrl_shift(Key::F)],
        Command::ToggleFilters,
        "Show or hide the filters: categories, files, tags, sources and dates",
    ),
    shortcut(
        &[ctrl(Key::F)],
        Command::OpenSearch,
        "Search titles, texts, tags and quotes; Enter / Shift+Enter: next / previous found",
    ),
    shortcut(
        &[ctrl_shift(Key::C)],
        Command::CopyCitation,
        "Copy the selected event's citation: title, date, source and quote",
    ),
    shortcut(
        &[plain(Key::Plus), plain(Key::Equals)],
        Command::Zoom(KEY_ZOOM),
        "Zoom in",
    ),
    shortcut(
        &[plain(Key::Minus)],
        Command::Zoom(1.0 / KEY_ZOOM),
        "Zoom out",
    ),
    Shortcut {
        chords: &[plain(Key::F)],
        command: Command::FitAll,
        description: "Fit all events",
        mouse: "double-click on empty space",
    },
    shortcut(
        &[plain(Key::Home)],
        Command::SelectFirst,
        "Jump to the first event",
    ),
    shortcut(
        &[plain(Key::End)],
        Command::SelectLast,
        "Jump to the last event",
    ),
    shortcut(
        &[plain(Key::ArrowRight)],
        Command::SelectStep(1),
        "Select the next event",
    ),
    shortcut(
        &[plain(Key::ArrowLeft)],
        Command::SelectStep(-1),
        "Select the previous event",
    ),
    shortcut(
        &[plain(Key::Escape)],
        Command::Select(None),
        "Clear the selection",
    ),
    shortcut(&[ctrl(Key::Q)], Command::Quit, "Quit"),
];

/// What the mouse and the widgets' own keys do (they give no command of
/// their own, or one that depends on where): (gesture, what it does).
pub const GESTURES: &[(&str, &str)] = &[
    ("Mouse wheel, Ctrl+wheel, pinch", "Zoom around the pointer"),
    ("Shift+wheel, drag", "Pan"),
    (
        "Drag along the ruler",
        "Show only the events of those dates",
    ),
    (
        "Alt+drag an event, or hold then drag",
        "Move it (by whole days, months… as its date is written)",
    ),
    ("Drag a bar's end", "Change its start or end"),
    ("Click a lane's name", "Collapse or expand the lane"),
    (
        "Page Up / Page Down",
        "Scroll the lanes, when there are more than fit",
    ),
];

/// Whether the keyboard is in a text field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Typing {
    No,
    Yes,
    /// In a field of the editor whose text is still what it showed: Ctrl+Z
    /// there has no typing to undo, and undoes the last step.
    Unchanged,
}

/// The commands of the shortcuts pressed in `input`, whose keys are
/// consumed; plain keys only when the user is not typing in a field.
pub fn read(input: &mut egui::InputState, typing: Typing) -> Vec<Command> {
    let in_field = typing != Typing::No;
    let mut chords: Vec<(&KeyboardShortcut, &Command)> = SHORTCUTS
        .iter()
        .flat_map(|s| s.chords.iter().map(move |c| (c, &s.command)))
        .filter(|(c, _)| !in_field || !c.modifiers.is_none())
        // While typing, Ctrl+Z and Ctrl+Y undo and redo the typing.
        .filter(|(_, command)| {
            typing != Typing::Yes || !matches!(command, Command::Undo | Command::Redo)
        })
        .collect();
    // A chord also matches the presses with more Shift or Alt than it
    // names (egui's logical matching): Ctrl+Shift+F is taken before Ctrl+F.
    chords.sort_by_key(|(c, _)| {
        std::cmp::Reverse(u8::from(c.modifiers.shift) + u8::from(c.modifiers.alt))
    });
    let mut commands = Vec::new();
    for (chord, command) in chords {
        if input.consume_shortcut(chord) {
            commands.push(command.clone());
        }
    }
    commands
}

/// A chord for people: "Ctrl+Shift+S", "F5", "Right arrow".
#[must_use]
pub fn chord_text(chord: &KeyboardShortcut) -> String {
    let m = chord.modifiers;
    let mut text = String::new();
    for (held, name) in [
        (m.command || m.ctrl || m.mac_cmd, "Ctrl+"),
        (m.alt, "Alt+"),
        (m.shift, "Shift+"),
    ] {
        if held {
            text.push_str(name);
        }
    }
    text.push_str(match chord.logical_key {
        Key::ArrowLeft => "Left arrow",
        Key::ArrowRight => "Right arrow",
        Key::Escape => "Esc",
        Key::Plus => "+",
        Key::Minus => "-",
        Key::Equals => "=",
        key => key.name(),
    });
    text
}

impl Shortcut {
    /// Its keys (and mouse gesture) for Help: "Ctrl+R or F5",
    /// "F, double-click on empty space".
    #[must_use]
    pub fn keys_text(&self) -> String {
        let keys: Vec<String> = self.chords.iter().map(chord_text).collect();
        let keys = keys.join(" or ");
        if self.mouse.is_empty() {
            keys
        } else {
            format!("{keys}, {}", self.mouse)
        }
    }
}

/// The first chord giving `command`, for a menu item: "Ctrl+O".
#[must_use]
pub fn text_for(command: &Command) -> String {
    SHORTCUTS
        .iter()
        .find(|s| s.command == *command)
        .and_then(|s| s.chords.first())
        .map(chord_text)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(modifiers: Modifiers, key: Key) -> egui::Event {
        egui::Event::Key {
            key,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers,
        }
    }

    fn commands(events: Vec<egui::Event>, typing: bool) -> Vec<Command> {
        let typing = if typing { Typing::Yes } else { Typing::No };
        commands_typing(events, typing)
    }

    fn commands_typing(events: Vec<egui::Event>, typing: Typing) -> Vec<Command> {
        let ctx = egui::Context::default();
        let mut out = Vec::new();
        let input = egui::RawInput {
            events,
            ..egui::RawInput::default()
        };
        let mut output = ctx.run_ui(input, |ui| {
            out = ui.ctx().input_mut(|i| read(i, typing));
        });
        output.textures_delta.clear(); // no GPU takes the font atlas
        out
    }

    #[test]
    fn undo_goes_to_the_field_typed_in_and_to_the_app_from_an_untouched_one() {
        let z = || vec![press(Modifiers::COMMAND, Key::Z)];
        assert_eq!(commands_typing(z(), Typing::No), [Command::Undo]);
        assert_eq!(commands_typing(z(), Typing::Yes), []);
        assert_eq!(commands_typing(z(), Typing::Unchanged), [Command::Undo]);
        // Plain keys stay the field's.
        let delete = vec![press(Modifiers::NONE, Key::Delete)];
        assert_eq!(commands_typing(delete, Typing::Unchanged), []);
    }

    #[test]
    fn each_chord_gives_its_command_and_the_more_specific_wins() {
        let shift_ctrl = Modifiers::COMMAND.plus(Modifiers::SHIFT);
        assert_eq!(
            commands(vec![press(shift_ctrl, Key::F)], false),
            [Command::ToggleFilters]
        );
        assert_eq!(
            commands(vec![press(Modifiers::COMMAND, Key::F)], false),
            [Command::OpenSearch]
        );
        assert_eq!(
            commands(vec![press(Modifiers::NONE, Key::F)], false),
            [Command::FitAll]
        );
        // Shift is needed for + on some keyboards.
        assert_eq!(
            commands(vec![press(Modifiers::SHIFT, Key::Plus)], false),
            [Command::Zoom(KEY_ZOOM)]
        );
        // Typing in a field: plain keys are the field's.
        assert_eq!(
            commands(
                vec![
                    press(Modifiers::NONE, Key::F),
                    press(Modifiers::COMMAND, Key::L)
                ],
                true
            ),
            [Command::ToggleEventList]
        );
    }

    #[test]
    fn help_and_menus_read_the_same_keys() {
        assert_eq!(text_for(&Command::OpenDialog), "Ctrl+O");
        assert_eq!(text_for(&Command::SaveAsDialog), "Ctrl+Shift+S");
        assert_eq!(text_for(&Command::Reload), "Ctrl+R");
        assert_eq!(text_for(&Command::ShowAbout(true)), "");
        let reload = SHORTCUTS.iter().find(|s| s.command == Command::Reload);
        assert_eq!(
            reload.map(Shortcut::keys_text).as_deref(),
            Some("Ctrl+R or F5")
        );
        let fit = SHORTCUTS.iter().find(|s| s.command == Command::FitAll);
        assert_eq!(
            fit.map(Shortcut::keys_text).as_deref(),
            Some("F, double-click on empty space")
        );
    }
}
