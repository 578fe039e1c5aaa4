//! LeadHit client
