//! A value shared between renders, compared by identity: a component that
//! takes one re-renders only when it is handed a different one, without
//! comparing a 10 000-task run field by field.

use std::ops::Deref;
use std::rc::Rc;

/// An `Rc` whose equality is identity.
#[derive(Debug)]
pub struct Shared<T>(pub Rc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(Rc::clone(&self.0))
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}
