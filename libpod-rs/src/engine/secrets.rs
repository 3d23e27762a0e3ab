//! The `secret` verbs: the store's operations, each with podman's event.

use super::Engine;
use crate::container::Container;
use crate::error::Result;
use crate::events::{Event, Status};
use crate::secret::{CreateOptions, Secret, Secrets};

impl Engine {
    fn secret_store(&self) -> Secrets<'_> {
        Secrets::new(&self.store)
    }

    /// Stores a secret (`secret create`); returns its ID.
    pub fn create_secret(&self, name: &str, data: &[u8], opts: &CreateOptions) -> Result<String> {
        let id = self.secret_store().create(name, data, opts)?;
        self.emit(&Event::secret(Status::Create, &id));
        Ok(id)
    }

    /// Every secret, by name.
    pub fn secrets(&self) -> Result<Vec<Secret>> {
        Ok(self.secret_store().list()?)
    }

    /// One secret (by name, ID or unique ID prefix).
    pub fn secret(&self, name_or_id: &str) -> Result<Secret> {
        Ok(self.secret_store().get(name_or_id)?)
    }

    /// One secret and its data (`inspect --showsecret`, containers).
    pub fn secret_data(&self, name_or_id: &str) -> Result<(Secret, Vec<u8>)> {
        Ok(self.secret_store().get_with_data(name_or_id)?)
    }

    /// Removes a secret (`secret rm`); returns its ID. Containers keep
    /// their copies of it (as podman's).
    pub fn remove_secret(&self, name_or_id: &str) -> Result<String> {
        let id = self.secret_store().remove(name_or_id)?;
        self.emit(&Event::secret(Status::Remove, &id));
        Ok(id)
    }

    /// A container's `--secret NAME,type=env` variables, read from the
    /// store at each start by name (as podman: a replaced secret's new
    /// value; a removed one stops the start), set over the spec's.
    pub(crate) fn add_env_secrets(
        &self,
        c: &Container,
        oci: &mut oci_spec::runtime::Spec,
    ) -> Result<()> {
        for s in &c.config.secrets {
            let Some(var) = &s.env else { continue };
            let (_, data) = self.secret_data(&s.name)?;
            let Some(p) = oci.process_mut() else { continue };
            let mut env = p.env().clone().unwrap_or_default();
            let prefix = format!("{var}=");
            env.retain(|e| !e.starts_with(&prefix));
            env.push(format!("{var}={}", String::from_utf8_lossy(&data)));
            p.set_env(Some(env));
        }
        Ok(())
    }
}
