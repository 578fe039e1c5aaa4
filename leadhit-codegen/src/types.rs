//! Python type text (`Optional[List[int]]`, `str or None`, `Literal['a']`) → [`Type`].
//!
//! (Placeholder: being written.)

use crate::model::Type;

/// Lowers documented type text to a model type; never fails: unknown text becomes JSON.
pub fn parse_type(text: &str) -> Type {
    Type::Json { raw: text.trim().to_owned() }
}
