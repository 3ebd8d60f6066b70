//! Knowledge base (`/KBArticle`, schema `KBEntry`). Read-only by default; scope `read:kb`.

use crate::models::KbArticle;
use crate::scopes::requirements;

resource! {
    /// Knowledge-base articles: list, get; writes need the policy to allow them.
    kb_articles -> KbArticle, KB_ARTICLES = ("KBArticle", "knowledge-base article", requirements::KNOWLEDGE_BASE),
        key = Some("articles"), paginated = true
}
