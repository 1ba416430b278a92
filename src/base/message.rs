//! A message for a person, as data: an id in the message catalog and its named arguments.
//! Layers below `render` never make sentences; they return [`Message`]s, and `render` makes
//! the words in the user's language. So a count, a path or a value stays a typed field that
//! code can read, and JSON stays the same whatever language a person reads.

use serde::Serialize;

/// One argument of a [`Message`].
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(untagged)]
pub enum Arg {
    /// Text: a path, a name, a value read from a capture. Shown through the one sanitiser.
    Text(String),
    /// A number, which the catalog may use to choose a plural form.
    Number(u64),
    /// Another message, put in words first (a reason inside a sentence that says where it
    /// happened: `` `uce get x`: the appliance sent nothing for 30 s ``).
    Message(Box<Message>),
}

impl From<Message> for Arg {
    fn from(message: Message) -> Arg {
        Arg::Message(Box::new(message))
    }
}

impl From<String> for Arg {
    fn from(text: String) -> Arg {
        Arg::Text(text)
    }
}

impl From<&String> for Arg {
    fn from(text: &String) -> Arg {
        Arg::Text(text.clone())
    }
}

impl From<&str> for Arg {
    fn from(text: &str) -> Arg {
        Arg::Text(text.to_string())
    }
}

macro_rules! number_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Arg {
                Arg::Number(n as u64)
            }
        }
    )*};
}
number_arg!(u8, u16, u32, u64, usize);

/// A sentence for a person, not yet in words: a catalog id (`read-lines-not-understood`) and
/// its arguments by name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Message {
    /// The id in the message catalog (`i18n/<lang>/*.ftl`).
    pub id: &'static str,
    /// The arguments the catalog's text names, in the order given.
    pub args: Vec<(&'static str, Arg)>,
}

impl Message {
    /// A message with no arguments.
    pub fn new(id: &'static str) -> Message {
        Message {
            id,
            args: Vec::new(),
        }
    }

    /// The message with one more argument.
    pub fn with(mut self, name: &'static str, value: impl Into<Arg>) -> Message {
        self.args.push((name, value.into()));
        self
    }

    /// The argument called `name`, if the message has it.
    pub fn arg(&self, name: &str) -> Option<&Arg> {
        self.args.iter().find(|(n, _)| *n == name).map(|(_, a)| a)
    }
}

/// `message!("id", name = value, …)`: a [`Message`] with its arguments.
#[macro_export]
macro_rules! message {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::base::message::Message::new($id)$(.with(stringify!($name), $value))*
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_keeps_its_arguments_typed_and_named() {
        let m = crate::message!("read-summary", path = "a.log", lines = 78usize);
        assert_eq!(m.id, "read-summary");
        assert_eq!(m.arg("path"), Some(&Arg::Text("a.log".into())));
        assert_eq!(m.arg("lines"), Some(&Arg::Number(78)));
        assert_eq!(m.arg("other"), None);
    }
}
